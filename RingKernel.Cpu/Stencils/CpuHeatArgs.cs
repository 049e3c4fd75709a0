using RingKernel.Stencils;

namespace RingKernel.Cpu.Stencils;

/// <summary>The arguments of one dispatch of <see cref="CpuHeatKernel2D"/>: read <see cref="Source"/>, write <see cref="Destination"/> (distinct fields).</summary>
public readonly record struct CpuHeatArgs(HeatEquation2D Equation, float[] Source, float[] Destination);
