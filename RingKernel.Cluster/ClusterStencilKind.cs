namespace RingKernel.Cluster;

/// <summary>The stencils a cluster run computes.</summary>
public enum ClusterStencilKind
{
    /// <summary><see cref="Stencils.HeatEquation2D"/>: one field.</summary>
    Heat2D = 0,

    /// <summary><see cref="Stencils.WaveEquation3D"/>: two fields (previous, current).</summary>
    Wave3D = 1,
}
