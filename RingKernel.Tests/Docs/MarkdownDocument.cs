using System.Text;
using System.Text.RegularExpressions;

namespace RingKernel.Tests.Docs;

/// <summary>
/// What a markdown file links to and which anchors its headings make, read as GitHub renders it:
/// fenced code and inline code hold no links or headings, and a heading's anchor is its text in lower
/// case with punctuation dropped and spaces turned into hyphens (a repeated one gets -1, -2, ...).
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(IReadOnlyList<MarkdownLink> links, IReadOnlySet<string> anchors)
    {
        Links = links;
        Anchors = anchors;
    }

    /// <summary>Every link and image target with its line, external ones (with a scheme) included.</summary>
    public IReadOnlyList<MarkdownLink> Links { get; }

    /// <summary>The anchors the headings define.</summary>
    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownDocument Parse(string markdown)
    {
        var links = new List<MarkdownLink>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? fence = null;
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                    fence = null;
                continue;
            }

            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fence = trimmed[..3];
                continue;
            }

            // A heading's anchor keeps the text of its code spans; links inside code spans are no links.
            if (Heading().Match(line) is { Success: true } heading)
            {
                string anchor = Anchor(heading.Groups[1].Value);
                int repeats = seen.GetValueOrDefault(anchor);
                seen[anchor] = repeats + 1;
                anchors.Add(repeats == 0 ? anchor : $"{anchor}-{repeats}");
            }

            string text = InlineCode().Replace(line, "");
            foreach (Match link in Link().Matches(text).Concat(Definition().Matches(text)))
                links.Add(new MarkdownLink(link.Groups["target"].Value, i + 1));
        }

        return new MarkdownDocument(links, anchors);
    }

    /// <summary>The anchor GitHub gives a heading whose text is <paramref name="heading"/>.</summary>
    public static string Anchor(string heading)
    {
        string text = LinkText().Replace(heading.Replace("`", "", StringComparison.Ordinal), "$1");
        var anchor = new StringBuilder(text.Length);
        foreach (char c in text.Trim().ToLowerInvariant())
        {
            if (c == ' ')
                anchor.Append('-');
            else if (char.IsLetterOrDigit(c) || c is '-' or '_')
                anchor.Append(c);
        }

        return anchor.ToString();
    }

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    // [text](target) and ![alt](target "title"), with one level of brackets inside the text.
    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?(?<target>[^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex Link();

    // A reference definition: [name]: target
    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*<?(?<target>[^\s>]+)")]
    private static partial Regex Definition();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();
}
