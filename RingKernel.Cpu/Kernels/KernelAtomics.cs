namespace RingKernel.Cpu.Kernels;

/// <summary>
/// Atomic read-modify-write operations for kernel bodies, on shared memory or on memory the whole
/// grid shares. Like CUDA's <c>atomicAdd</c> family, each returns the value the location held before.
/// </summary>
/// <remarks>
/// A workgroup's coroutines take turns on one OS thread, but other workgroups run on other cores,
/// so every operation is a real interlocked one and is safe on global memory too.
/// </remarks>
public static class KernelAtomics
{
    public static int Add(ref int location, int value) => Interlocked.Add(ref location, value) - value;

    public static uint Add(ref uint location, uint value) => Interlocked.Add(ref location, value) - value;

    public static long Add(ref long location, long value) => Interlocked.Add(ref location, value) - value;

    /// <summary>Adds by compare-and-swap on the bits, so a NaN already stored cannot make it spin.</summary>
    public static float Add(ref float location, float value)
    {
        ref int bits = ref System.Runtime.CompilerServices.Unsafe.As<float, int>(ref location);
        int seen = Volatile.Read(ref bits);
        while (true)
        {
            int sum = BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle(seen) + value);
            int before = Interlocked.CompareExchange(ref bits, sum, seen);
            if (before == seen)
                return BitConverter.Int32BitsToSingle(before);
            seen = before;
        }
    }

    public static int Min(ref int location, int value)
    {
        int seen = Volatile.Read(ref location);
        while (value < seen)
        {
            int before = Interlocked.CompareExchange(ref location, value, seen);
            if (before == seen)
                break;
            seen = before;
        }

        return seen;
    }

    public static int Max(ref int location, int value)
    {
        int seen = Volatile.Read(ref location);
        while (value > seen)
        {
            int before = Interlocked.CompareExchange(ref location, value, seen);
            if (before == seen)
                break;
            seen = before;
        }

        return seen;
    }

    public static int Exchange(ref int location, int value) => Interlocked.Exchange(ref location, value);

    /// <summary>Stores <paramref name="value"/> if the location holds <paramref name="comparand"/>; returns what it held.</summary>
    public static int CompareExchange(ref int location, int value, int comparand) =>
        Interlocked.CompareExchange(ref location, value, comparand);
}
