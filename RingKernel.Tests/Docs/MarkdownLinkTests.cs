using RingKernel.Tests.Layouts;

namespace RingKernel.Tests.Docs;

public sealed class MarkdownLinkTests : IDisposable
{
    private readonly DirectoryInfo _tree = Directory.CreateTempSubdirectory("ringkernel-links-");

    public void Dispose() => _tree.Delete(recursive: true);

    [Fact]
    public void Every_relative_link_in_the_repository_s_markdown_reaches_its_file_and_anchor()
    {
        var check = new MarkdownLinkCheck(LayoutHeaderFiles.RepositoryRoot);
        IReadOnlyList<string> files = check.Files();

        // The front page and every docs page are read, and they do link somewhere.
        Assert.Contains("README.md", files);
        Assert.Contains("docs/telemetry.md", files);
        Assert.True(files.Count(f => f.StartsWith("docs/", StringComparison.Ordinal)) >= 6, string.Join(", ", files));
        Assert.True(check.InternalLinks("README.md").Count() >= 10);

        IReadOnlyList<string> problems = check.Problems();
        Assert.True(problems.Count == 0, "Broken links:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void A_missing_file_a_missing_anchor_and_a_path_out_of_the_tree_are_each_reported_with_their_line()
    {
        Write("docs/page.md", "# Page\n\n## Rings and layouts\n\nsee [a](../README.md#set-up), [b](other.md), [c](#rings-and-layouts),\n[d](../README.md#nowhere) and [e](../../outside.md); ![f](images/missing.png)\n");
        Write("README.md", "# Front\n\n## Set up\n\n[docs](docs/page.md#page) and [folder](docs/)\n");

        IReadOnlyList<string> problems = new MarkdownLinkCheck(_tree.FullName).Problems();

        Assert.Equal(
            [
                "docs/page.md:5: (other.md) no such file or folder",
                "docs/page.md:6: (../README.md#nowhere) no heading of README.md makes the anchor #nowhere",
                "docs/page.md:6: (../../outside.md) leads out of the repository",
                "docs/page.md:6: (images/missing.png) no such file or folder",
            ],
            problems);
    }

    [Fact]
    public void Links_and_headings_inside_code_are_not_read_and_repeated_headings_are_numbered()
    {
        MarkdownDocument document = MarkdownDocument.Parse(
            "# Title\n\n```csharp\n# not a heading\nvar link = \"[x](fenced.md)\";\n```\n\n`[y](inline.md)` but [z](real.md \"title\")\n\n## Notes\n\n## Notes\n\n[ref]: defined.md\n\nsee <https://example.org> and [w](https://getakka.net)\n\n## Ring `kernels`, with [a link](elsewhere.md)\n");

        Assert.Equal(["real.md", "defined.md", "https://getakka.net", "elsewhere.md"], document.Links.Select(l => l.Target));
        Assert.Equal([8, 14, 16, 18], document.Links.Select(l => l.Line));
        Assert.Equal(["notes", "notes-1", "ring-kernels-with-a-link", "title"], document.Anchors.Order(StringComparer.Ordinal));
        Assert.True(document.Links[2].IsExternal);
        Assert.False(document.Links[0].IsExternal);
    }

    [Theory]
    [InlineData("Actors on Akka.NET", "actors-on-akkanet")]
    [InlineData("Vulkan ring kernels (`compare vulkan-rings`)", "vulkan-ring-kernels-compare-vulkan-rings")]
    [InlineData("Tiled stencils: halo exchange over K2K", "tiled-stencils-halo-exchange-over-k2k")]
    [InlineData("Kernels, bodies & backends", "kernels-bodies--backends")]
    [InlineData("The [direct](x.md) ring_path", "the-direct-ring_path")]
    public void A_heading_s_anchor_is_GitHub_s(string heading, string anchor)
    {
        Assert.Equal(anchor, MarkdownDocument.Anchor(heading));
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(_tree.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
