namespace RingKernel.Kernels;

/// <summary>Coordinates in a grid or workgroup (thread, workgroup or global id); each starts at 0.</summary>
public readonly record struct Index3(int X, int Y, int Z)
{
    public override string ToString() => $"({X}, {Y}, {Z})";
}
