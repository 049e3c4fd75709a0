namespace RingKernel.Stencils.Halo;

/// <summary>
/// A tile's state between commands (<see cref="StencilTile.CaptureState"/>): the steps it has done,
/// the step whose halo epoch it has exchanged (-1 for none), and its padded state fields, halo
/// included (a tile between exchanges still reads the halo it received).
/// </summary>
public sealed record StencilTileState(long Step, long ExchangedStep, IReadOnlyList<float[]> Levels);
