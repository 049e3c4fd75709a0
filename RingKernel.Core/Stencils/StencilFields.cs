namespace RingKernel.Stencils;

/// <summary>Checks shared by the stencil implementations on the fields they are given.</summary>
internal static class StencilFields
{
    public static void CheckLength(int length, GridSize size, string name)
    {
        if (length != size.CellCount)
            throw new ArgumentException($"A field over a {size} grid has {size.CellCount} cells; this one has {length}.", name);
    }
}
