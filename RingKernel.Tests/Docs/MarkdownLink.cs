namespace RingKernel.Tests.Docs;

/// <summary>A link's target as written (a path, an anchor, or both; or an address with a scheme) and the line it is on.</summary>
internal readonly record struct MarkdownLink(string Target, int Line)
{
    /// <summary>True for an address with a scheme (https:, mailto:), which the link check leaves alone.</summary>
    public bool IsExternal => Target.Length > 1 && Target.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
        && Target[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-');
}
