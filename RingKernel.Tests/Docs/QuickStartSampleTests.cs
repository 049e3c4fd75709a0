using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Docs;

/// <summary>The README's example is samples/QuickStart, quoted whole: it compiles with the solution, and it runs here.</summary>
public sealed class QuickStartSampleTests
{
    private static readonly string Root = LayoutHeaderFiles.RepositoryRoot;

    [Fact]
    public void The_README_quotes_the_quick_start_sample_whole()
    {
        string program = File.ReadAllText(Path.Combine(Root, "samples", "QuickStart", "Program.cs")).ReplaceLineEndings("\n");
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + program + "```\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quick_start_sample_runs_and_prints_the_kernel_actor_s_answers()
    {
        // The test project references the sample, so its build lies next to the tests'.
        string sample = Path.Combine(AppContext.BaseDirectory, "QuickStart.dll");
        Assert.True(File.Exists(sample), $"{sample} was not built with the tests.");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : ExternalTool.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");

        (int exitCode, string output) = ExternalTool.Run(dotnet, AppContext.BaseDirectory, sample);

        Assert.True(exitCode == 0, output);
        Assert.Equal("7 -> 21, 8 -> 24", output.Trim());
    }
}
