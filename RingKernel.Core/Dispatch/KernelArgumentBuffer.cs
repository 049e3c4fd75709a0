using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Dispatch;

/// <summary>
/// A kernel's arguments packed once into one reused native buffer of 8-byte slots (parameter i at
/// byte 8·i, scalars zero-extended, buffers as device addresses), checked against the kernel's
/// <see cref="KernelSignature"/>. One argument can be <see cref="Patch"/>ed before each dispatch
/// without repacking the others; packing, patching and binding allocate nothing.
/// </summary>
/// <remarks>
/// A GPU backend launches straight from <see cref="Memory"/>: CUDA's <c>kernelParams</c> is an array
/// of pointers to the slots (built once, since the slots never move), Vulkan pushes the bytes as push
/// constants, Metal binds them with <c>setBytes</c>. Beside the slots the buffer keeps, on the host
/// only, each buffer argument's <see cref="DeviceBuffer"/>, so the CPU backend can check a kernel's
/// accesses against the buffer's length. A buffer is not thread-safe: patch it between dispatches.
/// </remarks>
public sealed unsafe class KernelArgumentBuffer : IDisposable
{
    /// <summary>Bytes per argument slot.</summary>
    public const int SlotBytes = 8;

    private readonly DeviceBuffer _memory;
    private readonly ulong* _slots;
    private readonly DeviceBuffer?[] _buffers;
    private readonly bool[] _isSet;
    private int _setCount;

    /// <summary>An empty argument buffer for <paramref name="kernel"/>, which must declare a <see cref="KernelDefinition.Signature"/>.</summary>
    public KernelArgumentBuffer(KernelDefinition kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        Signature = kernel.Signature ?? throw NoSignature(kernel);
        KernelName = kernel.Name;
        // A kernel without parameters still gets one slot, so the buffer has an address to hand out.
        _memory = HostMemorySpace.Instance.Allocate(Math.Max(1, Signature.Count) * SlotBytes);
        _slots = (ulong*)_memory.HostPointer;
        _buffers = new DeviceBuffer?[Signature.Count];
        _isSet = new bool[Signature.Count];
    }

    /// <summary>The kernel the buffer was made for.</summary>
    public string KernelName { get; }

    public KernelSignature Signature { get; }

    /// <summary>The packed slots, in the layout a device reads.</summary>
    public DeviceBuffer Memory => _memory;

    /// <summary>True when every declared argument has a value.</summary>
    public bool IsComplete => _setCount == Signature.Count;

    /// <summary>Packs every argument at once; their number and kinds must match the signature.</summary>
    public void Pack(params ReadOnlySpan<KernelArgument> arguments)
    {
        ObjectDisposedException.ThrowIf(_memory.IsDisposed, this);
        if (arguments.Length != Signature.Count)
        {
            throw new KernelArgumentException(KernelName, Signature.Count, arguments.Length,
                $"Kernel '{KernelName}' declares {Signature.Count} argument(s) ({Signature}); {arguments.Length} were given.");
        }

        for (int i = 0; i < arguments.Length; i++)
            CheckKind(i, arguments[i]);
        for (int i = 0; i < arguments.Length; i++)
            Write(i, arguments[i]);
    }

    /// <summary>Replaces argument <paramref name="index"/> only; the other slots keep their values.</summary>
    public void Patch(int index, KernelArgument argument)
    {
        ObjectDisposedException.ThrowIf(_memory.IsDisposed, this);
        CheckPatch(index, argument);
        Write(index, argument);
    }

    /// <summary>
    /// The arguments as <paramref name="kernel"/>'s body reads them, after checking that the kernel
    /// declares this buffer's signature and that every argument is set.
    /// </summary>
    public KernelArguments Bind(KernelDefinition kernel)
    {
        ObjectDisposedException.ThrowIf(_memory.IsDisposed, this);
        CheckDeclaredBy(kernel);
        if (!IsComplete)
            throw Unset(kernel.Name);
        return new KernelArguments(this);
    }

    public void Dispose() => _memory.Dispose();

    /// <summary>The raw slot, for <see cref="KernelArguments"/>.</summary>
    internal ulong ReadSlot(int index)
    {
        ObjectDisposedException.ThrowIf(_memory.IsDisposed, this);
        return Volatile.Read(ref _slots[index]);
    }

    /// <summary>The buffer argument <paramref name="index"/> was set to, for <see cref="KernelArguments"/>.</summary>
    internal DeviceBuffer BufferAt(int index) => _buffers[index]!;

    /// <summary>Throws unless <paramref name="kernel"/> declares this buffer's signature.</summary>
    internal void CheckDeclaredBy(KernelDefinition kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        KernelSignature declared = kernel.Signature ?? throw NoSignature(kernel);
        if (!ReferenceEquals(declared, Signature) && !declared.Equals(Signature))
        {
            throw new KernelArgumentException(kernel.Name, declared.Count, Signature.Count,
                $"Kernel '{kernel.Name}' declares {declared.Count} argument(s) ({declared}); the argument buffer was packed for kernel '{KernelName}' with {Signature.Count} ({Signature}).");
        }
    }

    /// <summary>Throws unless <paramref name="argument"/> can replace argument <paramref name="index"/>.</summary>
    internal void CheckPatch(int index, KernelArgument argument)
    {
        if ((uint)index >= (uint)Signature.Count)
        {
            throw new KernelArgumentException(KernelName, Signature.Count, null,
                $"Kernel '{KernelName}' has no argument #{index}; it declares {Signature.Count} ({Signature}).");
        }

        CheckKind(index, argument);
    }

    private void CheckKind(int index, KernelArgument argument)
    {
        KernelParameter parameter = Signature[index];
        if (argument.Kind != parameter.Kind || (argument.Kind == KernelParameterKind.Buffer && argument.Buffer is null))
        {
            throw new KernelArgumentException(KernelName, Signature.Count, null,
                $"Argument #{index} '{parameter.Name}' of kernel '{KernelName}' is declared {parameter.Kind}; a {argument.Kind} was given.");
        }
    }

    private void Write(int index, KernelArgument argument)
    {
        _slots[index] = argument.Bits;
        _buffers[index] = argument.Buffer;
        if (!_isSet[index])
        {
            _isSet[index] = true;
            _setCount++;
        }
    }

    private KernelArgumentException Unset(string kernelName)
    {
        int first = Array.IndexOf(_isSet, false);
        return new KernelArgumentException(kernelName, Signature.Count, _setCount,
            $"Kernel '{kernelName}' declares {Signature.Count} argument(s) ({Signature}); only {_setCount} are set, the first missing being #{first} '{Signature[first].Name}'.");
    }

    private static KernelArgumentException NoSignature(KernelDefinition kernel) =>
        new(kernel.Name, 0, null, $"Kernel '{kernel.Name}' declares no signature; give its definition a Signature to pack arguments for it.");
}
