namespace RingKernel.Stencils;

/// <summary>What a stencil reads for a neighbour outside the grid.</summary>
public enum BoundaryKind
{
    /// <summary>Dirichlet: every cell outside the grid holds one fixed value.</summary>
    Fixed,

    /// <summary>The grid wraps around: the neighbour past one edge is the cell at the opposite edge.</summary>
    Periodic,
}
