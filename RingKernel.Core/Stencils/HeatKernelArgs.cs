namespace RingKernel.Stencils;

/// <summary>The arguments of one dispatch of <see cref="HeatKernel2D"/>: read <see cref="Source"/>, write <see cref="Destination"/> (distinct fields).</summary>
public readonly record struct HeatKernelArgs(HeatEquation2D Equation, float[] Source, float[] Destination);
