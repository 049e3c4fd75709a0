namespace RingKernel.Stencils.Halo;

/// <summary>What a <see cref="TileCommand"/> asks a tile kernel to do.</summary>
public enum TileCommandKind
{
    /// <summary>Advance until <see cref="TileCommand.UntilStep"/>, exchanging halos with the neighbours over K2K.</summary>
    RunSteps = 1,

    /// <summary>Copy the tile's cells into the engine's whole-grid field.</summary>
    Snapshot = 2,
}
