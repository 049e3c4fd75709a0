using RingKernel.Cuda.Compilation;
using RingKernel.Cuda.Kernels;
using RingKernel.Kernels;

namespace RingKernel.TestKernels.Cuda;

/// <summary>The CUDA ring kernel the tests and the CUDA comparison run, over the backend's ring_echo.cu.</summary>
public static class CudaKernels
{
    private const string RingEchoProgram = "ring_echo.cu";

    /// <summary>
    /// A ring kernel (one block of <paramref name="threads"/>) that answers each request, a 64-bit
    /// value, with value * 2 + 1 under <see cref="RingEchoArgs.ReplyTypeId"/>, and faults on the
    /// poison value when one is given.
    /// </summary>
    public static KernelDefinition<RingEchoArgs> RingEcho(string name, int inputCapacity, int outputCapacity, int threads = 32) =>
        new KernelDefinition<RingEchoArgs>(name, new LaunchOptions(1, threads) { InputRingCapacity = inputCapacity, OutputRingCapacity = outputCapacity })
            .WithCuda(new CudaKernelBody<RingEchoArgs>(RingEchoProgram, CudaKernelSources.Read(RingEchoProgram), "ring_echo", 8, BindRingEcho));

    private static void BindRingEcho(RingEchoArgs args, ref CudaParameters parameters)
    {
        parameters.Value(args.ReplyTypeId);
        parameters.Value(args.Poison ?? 0L);
        parameters.Value(args.Poison.HasValue ? 1 : 0);
    }
}
