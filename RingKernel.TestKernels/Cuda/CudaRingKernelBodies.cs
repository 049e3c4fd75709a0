using RingKernel.Cuda;
using RingKernel.Cuda.Kernels;

namespace RingKernel.TestKernels.Cuda;

/// <summary>The CUDA bodies of the conformance suite's ring kernels (Kernels/ring_*.cu), the twins of the Vulkan ones.</summary>
public static class CudaRingKernelBodies
{
    private const string EchoProgram = "ring_payload_echo.cu";
    private const string K2KRelayProgram = "ring_k2k_relay.cu";

    /// <summary>
    /// Replies to every message with its payload under the same type id; a payload whose first 8 bytes
    /// hold -1 faults the kernel with <see cref="RingKernel.Kernels.Persistent.KernelErrorCodes.BodyFault"/>.
    /// </summary>
    public static CudaKernelBody<TArgs> Echo<TArgs>() =>
        new(EchoProgram, TestKernelFiles.CudaSource(EchoProgram), "ring_payload_echo", CudaBackend.RingKernelParameters, static (TArgs _, ref CudaParameters _) => { });

    /// <summary>
    /// Sends and receives K2K messages on the host's orders (see Kernels/ring_k2k_relay.cu): an order of
    /// <paramref name="sendTypeId"/> (route, value) sends the value as a <paramref name="valueTypeId"/>
    /// message on the route, waiting while the inbox is full; an order of <paramref name="receiveTypeId"/>
    /// (route) takes the next message from the inbox on the route, waiting while it is empty. Each order
    /// is answered with an outcome of <paramref name="outcomeTypeId"/>: value, sequence, route, peer kernel, status.
    /// The kernel's memory carries its K2K endpoint (<see cref="RingKernel.Kernels.Persistent.RingKernelMemory.AttachK2K"/>).
    /// </summary>
    public static CudaKernelBody<TArgs> K2KRelay<TArgs>(uint sendTypeId, uint receiveTypeId, uint outcomeTypeId, uint valueTypeId) =>
        new(K2KRelayProgram, TestKernelFiles.CudaSource(K2KRelayProgram), "ring_k2k_relay", CudaBackend.RingKernelParameters + 4, (_, ref parameters) =>
        {
            parameters.Value(sendTypeId);
            parameters.Value(receiveTypeId);
            parameters.Value(outcomeTypeId);
            parameters.Value(valueTypeId);
        });
}
