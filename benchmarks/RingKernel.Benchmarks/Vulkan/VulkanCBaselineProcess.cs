using System.Diagnostics;
using System.Globalization;

namespace RingKernel.Benchmarks.Vulkan;

/// <summary>
/// One running instance of the C baseline: set up (device, pipeline, buffers, warm-up) once, then
/// given one command at a time on its standard input, so its runs can alternate with ours without
/// paying its start-up each time. While it waits for a command it uses no CPU.
/// </summary>
internal sealed class VulkanCBaselineProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;

    /// <summary>Starts <paramref name="program"/> and waits until it has set up on the device named <paramref name="device"/>.</summary>
    public VulkanCBaselineProcess(string program, IEnumerable<string> arguments, string device)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        _errors = _process.StandardError.ReadToEndAsync();
        try
        {
            Dictionary<string, string> ready = ReadAnswer("start-up");
            // The same index must name the same device in the child's enumeration.
            if (!ready.TryGetValue("device", out string? name) || name != device)
                throw new InvalidOperationException($"The C baseline opened device '{name}', not the backend's '{device}'.");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Heat: Mcells/s and CPU nanoseconds per cell of <paramref name="steps"/> more steps.</summary>
    public (double Mcells, double CpuNanoseconds) Steps(int steps)
    {
        Dictionary<string, string> answer = Send($"steps {steps.ToString(CultureInfo.InvariantCulture)}");
        return (Number(answer, "mcells-per-s"), Number(answer, "cpu-ns-per-cell"));
    }

    /// <summary>Heat: writes the current field to <paramref name="path"/> as raw floats.</summary>
    public void Save(string path) => Send($"save {path}");

    /// <summary>Empty dispatches: µs of wall time and of CPU time per dispatch of <paramref name="count"/> more, fence wait included.</summary>
    public (double Microseconds, double CpuMicroseconds) Dispatches(int count)
    {
        Dictionary<string, string> answer = Send($"dispatches {count.ToString(CultureInfo.InvariantCulture)}");
        return (Number(answer, "us-per-dispatch"), Number(answer, "cpu-us-per-dispatch"));
    }

    /// <summary>Closes its input, which ends it, and waits for it.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                _process.Kill();
        }

        _process.Dispose();
    }

    private static double Number(Dictionary<string, string> answer, string key) =>
        answer.TryGetValue(key, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"The C baseline printed no '{key}'.");

    private Dictionary<string, string> Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        return ReadAnswer(command);
    }

    private Dictionary<string, string> ReadAnswer(string what)
    {
        var answer = new Dictionary<string, string>(StringComparer.Ordinal);
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            if (line == "done")
                return answer;
            string[] parts = line.Split(' ', 2);
            answer[parts[0]] = parts.Length > 1 ? parts[1].Trim() : "";
        }

        _process.WaitForExit();
        throw new InvalidOperationException($"The C baseline ended during '{what}' (exit {_process.ExitCode}): {_errors.GetAwaiter().GetResult().Trim()}");
    }
}
