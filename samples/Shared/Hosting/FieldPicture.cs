using RingKernel.Samples.Imaging;

namespace RingKernel.Samples.Hosting;

/// <summary>
/// A plane of values to draw, its extent, the colour map, and whether the colour range is centred
/// on zero (signed fields such as a wave) or spans minimum to maximum.
/// </summary>
public sealed record FieldPicture(float[] Plane, int Width, int Height, ColorMap Map, bool CentredOnZero, string Caption);
