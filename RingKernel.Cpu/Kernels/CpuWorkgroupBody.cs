namespace RingKernel.Cpu.Kernels;

/// <summary>
/// A workgroup-level CPU body: one call does the work of every thread of a workgroup, so it can
/// loop with <see cref="System.Numerics.Vector{T}"/> instead of stepping coroutines.
/// </summary>
public delegate void CpuWorkgroupBody<in TArgs>(WorkgroupContext workgroup, TArgs args);
