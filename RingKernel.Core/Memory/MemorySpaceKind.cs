namespace RingKernel.Memory;

/// <summary>Where a buffer lives and who can touch it.</summary>
public enum MemorySpaceKind
{
    /// <summary>Page-locked host memory, readable by the device when mapped (rings, control blocks).</summary>
    PinnedHost,
    /// <summary>One allocation addressable by host and device (Apple silicon, HMM); never written concurrently on CUDA.</summary>
    Unified,
    /// <summary>Device-local memory; the host reaches it only through copies.</summary>
    Device,
}
