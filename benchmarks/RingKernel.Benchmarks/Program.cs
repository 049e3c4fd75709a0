using BenchmarkDotNet.Running;
using RingKernel.Benchmarks.Compare;

// `compare <suite> [--quick]` prints ours-versus-baseline lines; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "compare")
    return ComparisonRunner.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
