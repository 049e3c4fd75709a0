using RingKernel.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>
/// The committed CUDA, GLSL and MSL headers are exactly what <see cref="DeviceLayoutGenerator"/>
/// produces from the C# layouts. With RINGKERNEL_UPDATE_LAYOUTS=1 the test rewrites them instead.
/// </summary>
public sealed class CommittedLayoutHeaderTests
{
    private const string UpdateVariable = "RINGKERNEL_UPDATE_LAYOUTS";

    public static TheoryData<string> Languages => LayoutHeaderFiles.Languages;

    [Theory]
    [MemberData(nameof(Languages))]
    public void CommittedHeaderEqualsGeneratedHeader(string language)
    {
        string path = LayoutHeaderFiles.FullPath(language);
        string generated = DeviceLayoutGenerator.Generate(LayoutHeaderFiles.Writer(language));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, generated);
        }

        string relative = LayoutHeaderFiles.RelativePath(language);
        string howToFix = $"It is generated from RingKernel.Core/Layouts and must not be edited; regenerate it from the repository root with\n  {DeviceLayoutGenerator.RegenerateCommand}";
        Assert.True(File.Exists(path), $"{relative} is missing. {howToFix}");
        // Line endings may be converted by a checkout; the content may not.
        string committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(committed == generated, $"{relative} differs from the generated header {FirstDifference(committed, generated)}. {howToFix}");
    }

    private static string FirstDifference(string committed, string generated)
    {
        string[] committedLines = committed.Split('\n');
        string[] generatedLines = generated.Split('\n');
        for (int i = 0; i < Math.Max(committedLines.Length, generatedLines.Length); i++)
        {
            string? left = i < committedLines.Length ? committedLines[i] : null;
            string? right = i < generatedLines.Length ? generatedLines[i] : null;
            if (left != right)
                return $"at line {i + 1}: committed \"{left ?? "<end of file>"}\", generated \"{right ?? "<end of file>"}\"";
        }
        return "(no line differs)";
    }
}
