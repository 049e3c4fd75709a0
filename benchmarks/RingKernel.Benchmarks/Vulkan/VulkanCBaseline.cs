using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Benchmarks.Vulkan;

/// <summary>
/// The plain C Vulkan program of <c>benchmarks/vulkan-c-baseline</c>, compiled with gcc against
/// libvulkan into the benchmark's output folder when the suite starts, run as a child process per
/// measurement on the device the backend opened. The SPIR-V it loads is written from
/// <see cref="VulkanShaders"/>, so both sides run the same bytes; fields travel through raw float
/// files in a scratch folder deleted on <see cref="Dispose"/>.
/// </summary>
internal sealed class VulkanCBaseline : IDisposable
{
    private const string Source = "vulkan_baseline.c";
    private const string Install = "apt-get install gcc libvulkan-dev";

    private readonly string _program;
    private readonly string _scratch;
    private readonly VulkanDeviceInfo _device;

    private VulkanCBaseline(string program, string scratch, VulkanDeviceInfo device)
    {
        _program = program;
        _scratch = scratch;
        _device = device;
    }

    /// <summary>Compiles the program for <paramref name="device"/>; null, with the reason and what to install, when that fails.</summary>
    public static VulkanCBaseline? TryBuild(VulkanDeviceInfo device, out string? reason)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "vulkan-c-baseline");
        string program = Path.Combine(folder, "vulkan_baseline");
        (int status, _, string errors) = RunProcess("gcc", ["-O2", "-std=c11", "-o", program, Path.Combine(folder, Source), "-lvulkan"], out reason);
        if (reason is not null)
        {
            reason = $"gcc cannot be started ({reason}): {Install}";
            return null;
        }

        if (status != 0)
        {
            string first = errors.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal)) ?? errors.Trim();
            reason = errors.Contains("vulkan.h", StringComparison.Ordinal) || errors.Contains("-lvulkan", StringComparison.Ordinal)
                ? $"the Vulkan headers or libvulkan.so are missing ({first.Trim()}): apt-get install libvulkan-dev"
                : $"gcc failed on {Source}: {first.Trim()}";
            return null;
        }

        string scratch = Directory.CreateTempSubdirectory("ringkernel-vulkan-c-").FullName;
        reason = null;
        return new VulkanCBaseline(program, scratch, device);
    }

    /// <summary>Writes <paramref name="field"/> to a scratch file the program can start from, and returns its path.</summary>
    public string WriteField(string name, ReadOnlySpan<float> field)
    {
        string path = Path.Combine(_scratch, name + ".f32");
        using FileStream file = File.Create(path);
        file.Write(MemoryMarshal.AsBytes(field));
        return path;
    }

    /// <summary>
    /// Runs <paramref name="warmup"/> untimed and <paramref name="steps"/> timed steps of
    /// <paramref name="equation"/> (periodic, square) from the field at <paramref name="startPath"/>
    /// with the module <paramref name="shader"/>; returns Mcells/s and CPU nanoseconds per cell, and
    /// reads the final field into <paramref name="final"/>.
    /// </summary>
    public (double Mcells, double CpuNanoseconds) Heat(string shader, HeatEquation2D equation, Dim3 workgroup, string startPath, int warmup, int steps, Span<float> final)
    {
        if (equation.Boundary.Kind != BoundaryKind.Periodic || equation.Size.Width != equation.Size.Height)
            throw new ArgumentException("The C baseline runs periodic square grids.", nameof(equation));
        string finalPath = Path.Combine(_scratch, "final.f32");
        Dictionary<string, string> results = Run("heat", [Module(shader), Text(equation.Size.Width), equation.Alpha.ToString("R", CultureInfo.InvariantCulture),
            Text(workgroup.X), Text(workgroup.Y), startPath, finalPath, Text(warmup), Text(steps)]);
        using (FileStream file = File.OpenRead(finalPath))
        {
            if (file.Length != (long)final.Length * sizeof(float))
                throw new InvalidOperationException($"The C baseline wrote {file.Length} bytes of final field; {final.Length} floats were expected.");
            file.ReadExactly(MemoryMarshal.AsBytes(final));
        }

        File.Delete(finalPath);
        return (Number(results, "mcells-per-s"), Number(results, "cpu-ns-per-cell"));
    }

    /// <summary>µs of wall time and of CPU time per one-thread dispatch of the empty module, fence wait included.</summary>
    public (double Microseconds, double CpuMicroseconds) Empty(int warmup, int dispatches)
    {
        Dictionary<string, string> results = Run("empty", [Module("empty"), Text(warmup), Text(dispatches)]);
        return (Number(results, "us-per-dispatch"), Number(results, "cpu-us-per-dispatch"));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Module(string name)
    {
        string path = Path.Combine(_scratch, name + ".spv");
        if (!File.Exists(path))
            File.WriteAllBytes(path, VulkanShaders.Spirv(name).ToArray());
        return path;
    }

    private Dictionary<string, string> Run(string command, string[] arguments)
    {
        (int status, string output, string errors) = RunProcess(_program, [command, Text(_device.Index), .. arguments], out string? startFailure);
        if (startFailure is not null || status != 0)
            throw new InvalidOperationException($"The C baseline ({command}) failed: {startFailure ?? errors.Trim()}");
        Dictionary<string, string> results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1].Trim() : "");
        // The same index must name the same device in the child's enumeration.
        if (!results.TryGetValue("device", out string? name) || name != _device.Name)
            throw new InvalidOperationException($"The C baseline opened device '{name}', not the backend's '{_device.Name}'.");
        return results;
    }

    private static (int Status, string Output, string Errors) RunProcess(string file, string[] arguments, out string? startFailure)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> errors = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            startFailure = null;
            return (process.ExitCode, output, errors.GetAwaiter().GetResult());
        }
        catch (Win32Exception ex)
        {
            startFailure = ex.Message;
            return (-1, "", "");
        }
    }

    private static double Number(Dictionary<string, string> results, string key) =>
        results.TryGetValue(key, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"The C baseline printed no '{key}'.");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
