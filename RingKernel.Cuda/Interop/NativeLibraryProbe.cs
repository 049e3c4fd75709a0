namespace RingKernel.Cuda.Interop;

/// <summary>
/// Tries candidate library files in order and reports the first that loads, or a reason naming
/// every file tried. The loader is a parameter so the order and the reason are testable without
/// a driver.
/// </summary>
internal static class NativeLibraryProbe
{
    /// <summary>
    /// Loads the first of <paramref name="candidates"/> that <paramref name="tryLoad"/> opens (returning
    /// a non-zero handle); otherwise the reason starts with <paramref name="missing"/> ("no NVIDIA driver").
    /// </summary>
    public static LibraryProbeResult Probe(IReadOnlyList<string> candidates, Func<string, nint> tryLoad, string missing)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(tryLoad);
        foreach (string candidate in candidates)
        {
            nint handle = tryLoad(candidate);
            if (handle != 0)
                return new LibraryProbeResult(handle, candidate, null);
        }

        string tried = candidates.Count == 1 ? candidates[0] : $"{candidates[0]} not found; also tried {string.Join(", ", candidates.Skip(1))}";
        string reason = candidates.Count == 1 ? $"{missing} ({tried} not found)" : $"{missing} ({tried})";
        return new LibraryProbeResult(0, null, reason);
    }
}
