using RingKernel.Samples.Cli;

namespace RingKernel.Tests.Samples;

/// <summary>
/// The output file is checked by opening it for writing, so the cases use paths that refuse even
/// root (the tests run as root, who writes wherever permission bits say no): /proc and /sys,
/// a parent that is a regular file, a directory named as the file.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ringkernel-output-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableTheory]
    [InlineData("/proc/ringkernel-field.png")]
    [InlineData("/proc/ringkernel-missing/field.png")]
    [InlineData("/sys/ringkernel-field.png")]
    [InlineData("/sys/kernel/ringkernel-field.png")]
    public void Kernel_file_systems_refuse_the_output_in_one_line(string path)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && Directory.Exists("/proc/self") && Directory.Exists("/sys/kernel"), "needs Linux's /proc and /sys");
        OptionException error = Assert.Throws<OptionException>(() => OutputFile.Prepare(path));
        Assert.StartsWith($"--output '{path}': ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_parent_that_is_a_file_is_named()
    {
        string file = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(file, "kept");
        foreach (string path in new[] { Path.Combine(file, "field.png"), Path.Combine(file, "deeper", "field.png") })
        {
            OptionException error = Assert.Throws<OptionException>(() => OutputFile.Prepare(path));
            Assert.Equal($"--output '{path}': '{file}' is a file, not a directory", error.Message);
        }

        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Fact]
    public void A_directory_given_as_the_file_is_refused()
    {
        string path = Path.Combine(_folder, "field.png");
        Directory.CreateDirectory(path);
        OptionException error = Assert.Throws<OptionException>(() => OutputFile.Prepare(path));
        Assert.Equal($"--output '{path}': it is a directory; name a .png file in it", error.Message);
    }

    [Fact]
    public void Missing_parent_directories_are_created_and_no_file_is_left_behind()
    {
        string parent = Path.Combine(_folder, "a", "b");
        string path = Path.Combine(parent, "field.png");
        OutputFile.Prepare(path);
        Assert.True(Directory.Exists(parent));
        Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
    }

    [Fact]
    public void An_existing_file_is_checked_without_being_changed()
    {
        string path = Path.Combine(_folder, "field.png");
        File.WriteAllBytes(path, [1, 2, 3]);
        OutputFile.Prepare(path);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [SkippableFact]
    public void An_existing_file_that_cannot_be_opened_for_writing_is_refused()
    {
        // A sysfs file without a write handler: opening it for writing fails for root too.
        const string Path = "/sys/kernel/notes";
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists(Path), "needs Linux's /sys/kernel/notes");
        OptionException error = Assert.Throws<OptionException>(() => OutputFile.Prepare(Path));
        Assert.StartsWith($"--output '{Path}': cannot be written: ", error.Message, StringComparison.Ordinal);
    }
}
