namespace RingKernel.Cuda.Interop;

/// <summary>The outcome of looking for a native library: its handle and file, or why none was found.</summary>
internal readonly record struct LibraryProbeResult(nint Handle, string? LoadedFrom, string? FailureReason)
{
    public bool IsLoaded => Handle != 0;
}
