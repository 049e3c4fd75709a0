using System.Text;
using System.Text.RegularExpressions;

namespace RingKernel.Cuda.Compilation;

/// <summary>The PTX of one C# kernel, NUL-terminated as cuModuleLoadData wants it, and the name of its entry point.</summary>
internal sealed partial record CompiledPtx(byte[] Image, string EntryPoint)
{
    /// <summary>The PTX text, without the terminating NUL.</summary>
    public string Text => Encoding.ASCII.GetString(Image, 0, Image.Length - 1);

    /// <summary>Wraps <paramref name="image"/> (from the compiler or the disk cache), which declares exactly one entry point.</summary>
    /// <exception cref="InvalidDataException">The image is not NUL-terminated or does not declare exactly one <c>.entry</c>.</exception>
    public static CompiledPtx FromImage(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length == 0 || image[^1] != 0)
            throw new InvalidDataException("PTX for cuModuleLoadData must end with a NUL byte.");
        MatchCollection entries = Entry().Matches(Encoding.ASCII.GetString(image, 0, image.Length - 1));
        if (entries.Count != 1)
            throw new InvalidDataException($"The PTX of a C# kernel declares one .entry; this declares {entries.Count}.");
        return new CompiledPtx(image, entries[0].Groups["name"].Value);
    }

    [GeneratedRegex(@"^\s*\.visible\s+\.entry\s+(?<name>[A-Za-z_$][\w$]*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Entry();
}
