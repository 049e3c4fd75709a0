namespace RingKernel.Tests.Cuda;

/// <summary>
/// The tests that run kernels on the CUDA device run one at a time: a persistent kernel holds an SM
/// while it waits for its host, and a cooperative launch needs every block resident at once, so
/// classes running side by side could starve each other (or meet an implicit device synchronisation).
/// </summary>
[CollectionDefinition(Name)]
public sealed class CudaDeviceCollection
{
    public const string Name = "CUDA device";
}
