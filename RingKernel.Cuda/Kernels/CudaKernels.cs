using RingKernel.Cuda.Compilation;
using RingKernel.Kernels;

namespace RingKernel.Cuda.Kernels;

/// <summary>Kernel definitions over the CUDA C programs embedded in this assembly.</summary>
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

    /// <summary>
    /// The launch-per-message baseline: one launch handles what is in the input ring now and returns.
    /// Launched as an ordinary dispatch; the caller passes the ring pointers.
    /// </summary>
    internal static CudaKernelBody<RingEchoOnceArgs> RingEchoOnce() =>
        new(RingEchoProgram, CudaKernelSources.Read(RingEchoProgram), "ring_echo_once", 5, static (args, ref parameters) =>
        {
            parameters.Value(args.ControlBlock);
            parameters.Value(args.Input);
            parameters.Value(args.Output);
            parameters.Value(args.Checksummed ? 1 : 0);
            parameters.Value(args.ReplyTypeId);
        });

    private static void BindRingEcho(RingEchoArgs args, ref CudaParameters parameters)
    {
        parameters.Value(args.ReplyTypeId);
        parameters.Value(args.Poison ?? 0L);
        parameters.Value(args.Poison.HasValue ? 1 : 0);
    }
}
