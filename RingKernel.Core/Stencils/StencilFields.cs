namespace RingKernel.Stencils;

/// <summary>Checks shared by the stencil implementations (Core's and the backends') on the fields they are given.</summary>
public static class StencilFields
{
    /// <summary>Throws an <see cref="ArgumentException"/> for <paramref name="name"/> unless a field of <paramref name="length"/> cells covers <paramref name="size"/>.</summary>
    public static void CheckLength(int length, GridSize size, string name)
    {
        if (length != size.CellCount)
            throw new ArgumentException($"A field over a {size} grid has {size.CellCount} cells; this one has {length}.", name);
    }
}
