using RingKernel.Benchmarks.Cuda;
using RingKernel.Cuda;
using RingKernel.Proof;

// The GPU proof, for a machine with an NVIDIA driver and the CUDA toolkit but no .NET SDK:
//   RingKernel.CudaProof [all|tests|compare] [--filter TEXT] [--full]
// all (default): the CUDA tests, then `compare cuda --quick` (--full: the full-size comparison).
// Exit 0 only when no test failed or skipped for want of a device, and the comparison ran.
// The CUDA tests (RingKernel.Tests.Cuda) and the conformance suites run against the CUDA backend (Conformance.Cuda*).
var proof = new ProofProgram("cuda", typeof(RingKernel.Tests.Cuda.CudaStencilTests).Assembly, "CUDA is not available here",
    ["RingKernel.Tests.Cuda.", "RingKernel.Tests.Conformance.Cuda"], () => new CudaComparisonSuite());
return proof.Run(args, () =>
{
    using var probe = new CudaBackend();
    Console.WriteLine($"# {probe}");
});
