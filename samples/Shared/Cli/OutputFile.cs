namespace RingKernel.Samples.Cli;

/// <summary>
/// Makes sure the sample can write its output file before it computes anything: a run of minutes
/// must not end in a stack trace because the picture has nowhere to go.
/// </summary>
public static class OutputFile
{
    /// <summary>What <c>--help</c> says happens to the output path.</summary>
    public const string Rule = "missing parent directories are created; the path is checked for writing before the run";

    /// <summary>
    /// Creates the missing parent directories of <paramref name="path"/> and opens the file for
    /// writing, without truncating one that exists and deleting one this check created: the
    /// operating system decides, not a guess from permission bits (root writes where the bits
    /// say no, and /proc or /sys refuse where they say yes). Throws <see cref="OptionException"/>
    /// with one line when the file cannot be written.
    /// </summary>
    public static void Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Refused(path, ex.Message);
        }

        if (Directory.Exists(full))
            throw Refused(path, "it is a directory; name a .png file in it");

        string? parent = Path.GetDirectoryName(full);
        if (parent is not null && !Directory.Exists(parent))
        {
            if (FirstFileOnTheWay(parent) is { } file)
                throw Refused(path, $"'{file}' is a file, not a directory");
            try
            {
                Directory.CreateDirectory(parent);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Refused(path, $"cannot create the directory '{parent}': {ex.Message}");
            }
        }

        bool existed = File.Exists(full);
        try
        {
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }

            if (!existed)
                File.Delete(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Refused(path, $"cannot be written: {ex.Message}");
        }
    }

    /// <summary>The nearest ancestor of <paramref name="directory"/> (or itself) that exists as a file, if any.</summary>
    private static string? FirstFileOnTheWay(string directory)
    {
        for (string? at = directory; at is not null; at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
                return at;
            if (Directory.Exists(at))
                return null;
        }

        return null;
    }

    private static OptionException Refused(string path, string reason) =>
        new($"--output '{path}': {reason.ReplaceLineEndings(" ")}");
}
