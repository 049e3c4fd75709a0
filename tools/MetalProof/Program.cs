using System.Runtime.InteropServices;
using RingKernel.Benchmarks.Metal;
using RingKernel.Metal;
using RingKernel.Proof;

// The Metal proof, for a Mac (Apple silicon, macOS 13 or later) with or without the .NET SDK:
//   RingKernel.MetalProof [all|tests|compare] [--filter TEXT] [--full]
// all (default): the Metal tests and the conformance suites bound to Metal, then `compare metal --quick`
// (--full: the full-size comparison). Exit 0 only when no test failed or skipped for want of a device,
// and the comparison ran.
// The Metal* test classes (RingKernel.Tests.Metal) and the conformance suites bound to Metal; the
// translation's staleness tests read the repository's files and run with the rest of the suite (test.sh).
var proof = new ProofProgram("metal", typeof(RingKernel.Tests.Metal.MetalComputeTests).Assembly, "Metal is not available here",
    ["RingKernel.Tests.Metal.Metal", "RingKernel.Tests.Conformance.Metal"], () => new MetalComparisonSuite());
return proof.Run(args, () => Console.WriteLine(MetalBackend.IsAvailable
    ? $"# metal: available ({RuntimeInformation.OSDescription})"
    : $"# metal: not available here: {MetalBackend.UnavailableReason}"));
