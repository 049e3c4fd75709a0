using RingKernel.Metal;

namespace RingKernel.Tests.Metal;

/// <summary>Where a test needs a Metal device: skips with the backend's own reason on a machine without one (any machine but a Mac).</summary>
internal static class MetalFacts
{
    /// <summary>How every Metal test words its skip; the proof runner counts these as skipped for want of a device.</summary>
    public const string NoDevice = "Metal is not available here";

    public static void SkipUnlessAvailable() =>
        Skip.IfNot(MetalBackend.IsAvailable, $"{NoDevice}: {MetalBackend.UnavailableReason}");
}
