namespace RingKernel.K2K;

/// <summary>
/// The 26 route numbers of a kernel's K2K routing table, named as the step to a neighbouring tile
/// in a 3D Moore neighbourhood. The number is the index of the <see cref="Layouts.RouteEntry"/> in
/// the table and the value of its <see cref="Layouts.RouteEntry.Direction"/>; device code uses the
/// same numbers.
/// </summary>
/// <remarks>
/// <para>Codes 0–5 are the faces of a tile: XMinus 0, XPlus 1,
/// YMinus 2, YPlus 3, ZMinus 4, ZPlus 5. Codes 6–9 are the XY edges (the corners of a 2D tile), 10–13
/// the XZ edges, 14–17 the YZ edges, each group ordered minus-minus, plus-minus, minus-plus,
/// plus-plus; codes 18–25 are the 3D corners, ordered with X fastest, then Y, then Z (minus before
/// plus).</para>
/// <para>A 2D von Neumann neighbourhood uses 0–3; 2D Moore 0–3 and 6–9; 3D von Neumann 0–5;
/// 3D Moore all 26. A message sent on route <c>d</c> arrives in the target's inbox
/// <see cref="K2KDirections.Opposite"/>(d): tile A's XPlus neighbour receives it on its XMinus
/// inbox, the route that points back at A.</para>
/// </remarks>
public enum K2KDirection
{
    XMinus = 0,
    XPlus = 1,
    YMinus = 2,
    YPlus = 3,
    ZMinus = 4,
    ZPlus = 5,

    XMinusYMinus = 6,
    XPlusYMinus = 7,
    XMinusYPlus = 8,
    XPlusYPlus = 9,

    XMinusZMinus = 10,
    XPlusZMinus = 11,
    XMinusZPlus = 12,
    XPlusZPlus = 13,

    YMinusZMinus = 14,
    YPlusZMinus = 15,
    YMinusZPlus = 16,
    YPlusZPlus = 17,

    XMinusYMinusZMinus = 18,
    XPlusYMinusZMinus = 19,
    XMinusYPlusZMinus = 20,
    XPlusYPlusZMinus = 21,
    XMinusYMinusZPlus = 22,
    XPlusYMinusZPlus = 23,
    XMinusYPlusZPlus = 24,
    XPlusYPlusZPlus = 25,
}
