namespace RingKernel.Tests.Cpu;

/// <summary>Workgroup sizes every barrier-heavy kernel is checked at: one thread, primes, powers of two and neither.</summary>
public static class WorkgroupSizes
{
    public static TheoryData<int> All => [1, 7, 64, 100, 256];
}
