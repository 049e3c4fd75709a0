using RingKernel.Cuda.Interop;
using RingKernel.Cuda.Kernels;
using RingKernel.Dispatch;
using RingKernel.Kernels;

namespace RingKernel.Cuda.Modules;

/// <summary>
/// Launches a kernel on a stream: the body's binder writes the parameters into stack storage, the
/// count is checked against the body's declaration, and the driver gets a pointer to each
/// parameter (which cuLaunchCooperativeKernel requires, and cuLaunchKernel accepts). Nothing is
/// allocated per launch.
/// </summary>
internal static unsafe class CudaLauncher
{
    /// <summary>Launches <paramref name="kernel"/>'s body with <paramref name="args"/> on <paramref name="stream"/>.</summary>
    public static void Launch<TArgs>(CudaFunction function, KernelDefinition<TArgs> kernel, CudaKernelBody<TArgs> body, TArgs args, nint stream) =>
        Launch(function, kernel.Name, kernel.Options, body, args, body.Bind, stream);

    /// <summary>Launches <paramref name="body"/>'s function with parameters written by <paramref name="write"/> from <paramref name="state"/>.</summary>
    public static void Launch<TBody, TState>(CudaFunction function, string kernelName, LaunchOptions options, CudaKernelBody<TBody> body, TState state, CudaArgumentBinder<TState> write, nint stream)
    {
        byte* bytes = stackalloc byte[CudaParameters.MaxBytes];
        int* offsets = stackalloc int[Math.Max(body.ParameterCount, 1)];
        var parameters = new CudaParameters(new Span<byte>(bytes, CudaParameters.MaxBytes), new Span<int>(offsets, body.ParameterCount));
        write(state, ref parameters);
        if (parameters.Count != body.ParameterCount)
        {
            throw new KernelArgumentException(kernelName, body.ParameterCount, parameters.Count,
                $"Kernel '{kernelName}' ({body.EntryPoint}) declares {body.ParameterCount} parameter(s); {parameters.Count} were bound.");
        }

        void** pointers = stackalloc void*[Math.Max(body.ParameterCount, 1)];
        for (int i = 0; i < body.ParameterCount; i++)
            pointers[i] = bytes + parameters.OffsetOf(i);
        uint shared = (uint)options.SharedMemoryBytes;
        CudaResult result = body.Cooperative
            ? CudaDriver.LaunchCooperativeKernel(function.Handle, (uint)options.Grid.X, (uint)options.Grid.Y, (uint)options.Grid.Z,
                (uint)options.Workgroup.X, (uint)options.Workgroup.Y, (uint)options.Workgroup.Z, shared, stream, pointers)
            : CudaDriver.LaunchKernel(function.Handle, (uint)options.Grid.X, (uint)options.Grid.Y, (uint)options.Grid.Z,
                (uint)options.Workgroup.X, (uint)options.Workgroup.Y, (uint)options.Workgroup.Z, shared, stream, pointers, null);
        CudaCheck.Driver(result, body.Cooperative ? $"cuLaunchCooperativeKernel({body.EntryPoint})" : $"cuLaunchKernel({body.EntryPoint})");
    }
}
