using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using RingKernel.Kernels;
using RingKernel.Stencils;
using RingKernel.TestKernels;
using RingKernel.Vulkan;
using RingKernel.Vulkan.Shaders;

namespace RingKernel.Benchmarks.Vulkan;

/// <summary>
/// The plain C Vulkan program of <c>benchmarks/vulkan-c-baseline</c>, compiled with gcc against
/// libvulkan into the benchmark's output folder when the suite starts, and started on the device the
/// backend opened. The SPIR-V it loads is written from <see cref="VulkanShaders"/>, so both sides run
/// the same bytes; fields travel through raw float files in a scratch folder deleted on <see cref="Dispose"/>.
/// </summary>
internal sealed class VulkanCBaseline : IDisposable
{
    private const string Source = "vulkan_baseline.c";

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
        var start = new ProcessStartInfo("gcc") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])["-O2", "-std=c11", "-o", program, Path.Combine(folder, Source), "-lvulkan"])
            start.ArgumentList.Add(argument);
        string errors;
        try
        {
            using Process gcc = Process.Start(start)!;
            Task<string> output = gcc.StandardOutput.ReadToEndAsync();
            errors = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            output.GetAwaiter().GetResult();
            if (gcc.ExitCode == 0)
            {
                reason = null;
                return new VulkanCBaseline(program, Directory.CreateTempSubdirectory("ringkernel-vulkan-c-").FullName, device);
            }
        }
        catch (Win32Exception ex)
        {
            reason = $"gcc cannot be started ({ex.Message}): apt-get install gcc libvulkan-dev";
            return null;
        }

        string first = (errors.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal)) ?? errors).Trim();
        reason = errors.Contains("vulkan.h", StringComparison.Ordinal) || errors.Contains("-lvulkan", StringComparison.Ordinal)
            ? $"the Vulkan headers or libvulkan.so are missing ({first}): apt-get install libvulkan-dev"
            : $"gcc failed on {Source}: {first}";
        return null;
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
    /// Starts heat steps of <paramref name="equation"/> (periodic, square) from the field at
    /// <paramref name="startPath"/> with the module <paramref name="shader"/>, after
    /// <paramref name="warmup"/> untimed steps; <see cref="VulkanCBaselineProcess.Steps"/> times more.
    /// </summary>
    public VulkanCBaselineProcess StartHeat(string shader, HeatEquation2D equation, Dim3 workgroup, string startPath, int warmup)
    {
        if (equation.Boundary.Kind != BoundaryKind.Periodic || equation.Size.Width != equation.Size.Height)
            throw new ArgumentException("The C baseline runs periodic square grids.", nameof(equation));
        return Start(["heat", Text(_device.Index), Module(shader, VulkanShaders.Spirv(shader)), Text(equation.Size.Width), equation.Alpha.ToString("R", CultureInfo.InvariantCulture),
            Text(workgroup.X), Text(workgroup.Y), startPath, Text(warmup)]);
    }

    /// <summary>Reads <paramref name="heat"/>'s current field into <paramref name="field"/>.</summary>
    public void ReadField(VulkanCBaselineProcess heat, Span<float> field)
    {
        string path = Path.Combine(_scratch, "final.f32");
        heat.Save(path);
        using (FileStream file = File.OpenRead(path))
        {
            if (file.Length != (long)field.Length * sizeof(float))
                throw new InvalidOperationException($"The C baseline saved {file.Length} bytes of field; {field.Length} floats were expected.");
            file.ReadExactly(MemoryMarshal.AsBytes(field));
        }

        File.Delete(path);
    }

    /// <summary>Starts one-thread dispatches of the empty module, after <paramref name="warmup"/> untimed ones; <see cref="VulkanCBaselineProcess.Dispatches"/> times more.</summary>
    public VulkanCBaselineProcess StartEmpty(int warmup) => Start(["empty", Text(_device.Index), Module("empty", TestKernelFiles.Spirv("empty")), Text(warmup)]);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private VulkanCBaselineProcess Start(string[] arguments) => new(_program, arguments, _device.Name);

    private string Module(string name, ReadOnlyMemory<byte> spirv)
    {
        string path = Path.Combine(_scratch, name + ".spv");
        if (!File.Exists(path))
            File.WriteAllBytes(path, spirv.ToArray());
        return path;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
