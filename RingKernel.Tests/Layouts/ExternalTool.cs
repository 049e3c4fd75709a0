using System.Diagnostics;

namespace RingKernel.Tests.Layouts;

/// <summary>Finds a command-line tool on PATH and runs it, capturing what it prints.</summary>
internal static class ExternalTool
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(2);

    /// <summary>The full path of <paramref name="name"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        string[] candidates = OperatingSystem.IsWindows() ? [name + ".exe", name] : [name];
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string candidate in candidates)
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                    return path;
            }
        }
        return null;
    }

    /// <summary>Runs <paramref name="path"/> in <paramref name="workingDirectory"/>; returns its exit code and its stdout and stderr together.</summary>
    public static (int ExitCode, string Output) Run(string path, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RunLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} did not finish within {RunLimit}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
