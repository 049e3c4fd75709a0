namespace RingKernel.Stencils;

/// <summary>
/// A face of a tile, named by the axis it crosses and the direction: the way to a neighbouring
/// tile, and the side a halo arrives on. 2D tiles have the four X and Y faces.
/// </summary>
public enum TileFace
{
    XMinus,
    XPlus,
    YMinus,
    YPlus,
    ZMinus,
    ZPlus,
}
