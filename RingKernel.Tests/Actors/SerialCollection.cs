using Xunit;

namespace RingKernel.Tests.Actors;

/// <summary>Tests that measure the process (allocations on a thread that shares the thread pool) run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
