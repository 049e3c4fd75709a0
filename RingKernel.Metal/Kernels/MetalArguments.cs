using RingKernel.Memory;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Metal.Kernels;

/// <summary>
/// One dispatch's resources as Metal takes them: each storage buffer the binder set, at the buffer
/// index the translation gave its binding, and the push-constant bytes for <c>setBytes</c> at theirs.
/// </summary>
internal sealed class MetalArguments
{
    private MetalArguments(IReadOnlyList<(int Index, DeviceBuffer Buffer)> buffers, int? constantsIndex, byte[] constants)
    {
        Buffers = buffers;
        ConstantsIndex = constantsIndex;
        Constants = constants;
    }

    /// <summary>The storage buffers, each with its MSL buffer index, in binding order.</summary>
    public IReadOnlyList<(int Index, DeviceBuffer Buffer)> Buffers { get; }

    /// <summary>The push constants' buffer index; null when the body has none.</summary>
    public int? ConstantsIndex { get; }

    /// <summary>The push-constant block, <see cref="MetalKernelBody{TArgs}.ConstantBytes"/> long.</summary>
    public byte[] Constants { get; }

    /// <summary>Runs <paramref name="body"/>'s binder over <paramref name="args"/>; every binding must be set.</summary>
    /// <exception cref="ArgumentException">The binder left a binding unset, or refused the arguments.</exception>
    public static MetalArguments Bind<TArgs>(MetalKernelBody<TArgs> body, TArgs args, string kernelName)
    {
        var slots = new DeviceBuffer?[body.StorageBufferCount];
        byte[] constants = new byte[body.ConstantBytes];
        body.Bind(args, new VulkanBindings(slots, constants));
        var buffers = new (int, DeviceBuffer)[slots.Length];
        for (int binding = 0; binding < slots.Length; binding++)
        {
            buffers[binding] = (body.Shader.StorageBufferIndices[binding], slots[binding]
                ?? throw new ArgumentException($"The binder of kernel '{kernelName}' left storage buffer binding {binding} unset; it declares {slots.Length}.", nameof(args)));
        }

        return new MetalArguments(buffers, constants.Length > 0 ? body.Shader.ConstantsIndex : null, constants);
    }
}
