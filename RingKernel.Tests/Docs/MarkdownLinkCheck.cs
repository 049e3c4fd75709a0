namespace RingKernel.Tests.Docs;

/// <summary>
/// Finds the relative links in a tree's markdown files that lead nowhere: a missing file or folder,
/// a path outside the tree, or an anchor that no heading of the target makes. Addresses with a scheme
/// are not followed.
/// </summary>
internal sealed class MarkdownLinkCheck(string root)
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { ".git", "bin", "obj", "artifacts", "TestResults", "BenchmarkDotNet.Artifacts", "node_modules" };

    private readonly string _root = Path.GetFullPath(root);
    private readonly Dictionary<string, MarkdownDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>The markdown files of the tree, build outputs left out, as paths relative to the root with '/'.</summary>
    public IReadOnlyList<string> Files()
    {
        var files = new List<string>();
        var folders = new Stack<string>([_root]);
        while (folders.TryPop(out string? folder))
        {
            files.AddRange(Directory.EnumerateFiles(folder, "*.md").Select(Relative));
            foreach (string child in Directory.EnumerateDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
                folders.Push(child);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The links of <paramref name="file"/> (relative to the root) that have no scheme: paths and anchors.</summary>
    public IEnumerable<MarkdownLink> InternalLinks(string file) => Document(Full(file)).Links.Where(link => !link.IsExternal);

    /// <summary>One line per broken link of every markdown file: file, line, target and what is wrong.</summary>
    public IReadOnlyList<string> Problems() =>
        [.. Files().SelectMany(file => InternalLinks(file)
            .Select(link => (link, problem: Problem(file, link.Target)))
            .Where(found => found.problem is not null)
            .Select(found => $"{file}:{found.link.Line}: ({found.link.Target}) {found.problem}"))];

    /// <summary>Null when <paramref name="target"/>, written in <paramref name="file"/>, reaches a file or folder and its anchor; otherwise why not.</summary>
    public string? Problem(string file, string target)
    {
        int hash = target.IndexOf('#', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        string? anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);

        string from = Full(file);
        string to = path.Length == 0 ? from
            : path.StartsWith('/') ? Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')))
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, path));
        if (to != _root && !to.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return "leads out of the repository";
        if (!File.Exists(to))
            return Directory.Exists(to) ? (anchor is null ? null : "is a folder, which has no anchors") : "no such file or folder";
        if (anchor is null || !to.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            return null;
        return Document(to).Anchors.Contains(anchor) ? null : $"no heading of {Relative(to)} makes the anchor #{anchor}";
    }

    private MarkdownDocument Document(string fullPath)
    {
        if (!_documents.TryGetValue(fullPath, out MarkdownDocument? document))
            _documents[fullPath] = document = MarkdownDocument.Parse(File.ReadAllText(fullPath));
        return document;
    }

    private string Full(string relative) => Path.GetFullPath(Path.Combine(_root, relative));

    private string Relative(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
