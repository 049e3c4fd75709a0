namespace RingKernel.Cluster;

/// <summary>A generation of a run cannot go on (a node was lost, a tile moved or failed): the run recovers from its last checkpoint.</summary>
internal sealed class GenerationLostException(string message) : Exception(message);
