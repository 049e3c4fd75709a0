namespace RingKernel.K2K;

/// <summary>Which neighbours of a tile get a K2K route.</summary>
public enum K2KNeighbourhood
{
    /// <summary>The tiles across the faces: 4 in 2D, 6 in 3D.</summary>
    VonNeumann,

    /// <summary>The tiles across faces, edges and corners: 8 in 2D, 26 in 3D.</summary>
    Moore,
}
