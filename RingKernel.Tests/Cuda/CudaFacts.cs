using RingKernel.Cuda;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The CUDA backend the device tests share (one context per test run), and the skip for machines
/// without one: the reason is the backend's own, e.g. "no NVIDIA driver (libcuda.so.1 not found; …)".
/// </summary>
internal static class CudaFacts
{
    private static readonly Lazy<CudaBackend> Shared = new(() => new CudaBackend());

    public static CudaBackend Backend => Shared.Value;

    public static void SkipUnlessAvailable() =>
        Skip.IfNot(Backend.IsAvailable, $"CUDA is not available here: {Backend.UnavailableReason}");
}
