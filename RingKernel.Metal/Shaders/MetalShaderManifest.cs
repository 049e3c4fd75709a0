using System.Globalization;

namespace RingKernel.Metal.Shaders;

/// <summary>
/// The manifest of the committed MSL (Shaders/Msl/manifest.txt): a line per translated module,
/// <c>name spirv-sha256 entry-point constants-index buffer-indices</c>, where an absent index is
/// <c>-</c> and buffer indices are comma-separated in binding order; lines starting with # are comments.
/// </summary>
internal static class MetalShaderManifest
{
    /// <summary>One translated module as the manifest records it.</summary>
    internal readonly record struct Entry(string Name, string SpirvSha256, string EntryPoint, int? ConstantsIndex, IReadOnlyList<int> StorageBufferIndices)
    {
        public string ToLine() =>
            $"{Name} {SpirvSha256} {EntryPoint} {(ConstantsIndex is { } index ? index.ToString(CultureInfo.InvariantCulture) : "-")} {(StorageBufferIndices.Count == 0 ? "-" : string.Join(',', StorageBufferIndices))}";
    }

    /// <summary>The entries of <paramref name="text"/>, in order.</summary>
    /// <exception cref="FormatException">A line is not an entry.</exception>
    public static IReadOnlyList<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 5)
                throw new FormatException($"An MSL manifest line has five fields (name, SPIR-V hash, entry point, constants index, buffer indices): '{line}'.");
            int? constants = fields[3] == "-" ? null : int.Parse(fields[3], CultureInfo.InvariantCulture);
            int[] buffers = fields[4] == "-" ? [] : [.. fields[4].Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture))];
            entries.Add(new Entry(fields[0], fields[1], fields[2], constants, buffers));
        }

        return entries;
    }
}
