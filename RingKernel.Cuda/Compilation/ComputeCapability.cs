namespace RingKernel.Cuda.Compilation;

/// <summary>A device's compute capability (8.0 for an A100, 9.0 for an H100): the PTX target kernels are compiled for.</summary>
public readonly record struct ComputeCapability(int Major, int Minor) : IComparable<ComputeCapability>
{
    /// <summary>The oldest the kernels support: Volta (7.0) brought __nanosleep and ld.acquire/st.release.</summary>
    public static ComputeCapability Minimum => new(7, 0);

    /// <summary>The virtual architecture NVRTC emits PTX for, e.g. "compute_80"; the driver JIT-compiles it for the device.</summary>
    public string VirtualArchitecture => $"compute_{Major}{Minor}";

    public int CompareTo(ComputeCapability other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) < 0;

    public static bool operator >(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) > 0;

    public static bool operator <=(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) <= 0;

    public static bool operator >=(ComputeCapability left, ComputeCapability right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Major}.{Minor}";
}
