using System.Runtime.CompilerServices;
using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Dispatch;

/// <summary>
/// A kernel body's read-only view of a bound <see cref="KernelArgumentBuffer"/>: each accessor reads
/// the packed slot and checks the parameter's declared kind, and a buffer argument becomes a span
/// over its address, as long as its buffer and no longer.
/// </summary>
public readonly unsafe struct KernelArguments
{
    private readonly KernelArgumentBuffer _buffer;

    internal KernelArguments(KernelArgumentBuffer buffer) => _buffer = buffer;

    public int Count => _buffer.Signature.Count;

    public KernelSignature Signature => _buffer.Signature;

    /// <summary>The device address in buffer argument <paramref name="index"/>.</summary>
    public ulong Address(int index) => Read(index, KernelParameterKind.Buffer);

    /// <summary>Buffer argument <paramref name="index"/> as <typeparamref name="T"/>s, through the packed address.</summary>
    public Span<T> Buffer<T>(int index) where T : unmanaged
    {
        ulong address = Read(index, KernelParameterKind.Buffer);
        DeviceBuffer buffer = _buffer.BufferAt(index);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        return new Span<T>((void*)address, checked((int)(buffer.Length / sizeof(T))));
    }

    public int I32(int index) => (int)Read(index, KernelParameterKind.I32);

    public uint U32(int index) => (uint)Read(index, KernelParameterKind.U32);

    public long I64(int index) => (long)Read(index, KernelParameterKind.I64);

    public ulong U64(int index) => Read(index, KernelParameterKind.U64);

    public float F32(int index) => BitConverter.UInt32BitsToSingle((uint)Read(index, KernelParameterKind.F32));

    public double F64(int index) => BitConverter.UInt64BitsToDouble(Read(index, KernelParameterKind.F64));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Read(int index, KernelParameterKind kind)
    {
        KernelSignature signature = _buffer.Signature;
        if ((uint)index >= (uint)signature.Count || signature[index].Kind != kind)
            ThrowWrongRead(index, kind);
        return _buffer.ReadSlot(index);
    }

    private void ThrowWrongRead(int index, KernelParameterKind kind)
    {
        KernelSignature signature = _buffer.Signature;
        string declared = (uint)index < (uint)signature.Count ? $"is declared {signature[index]}" : "does not exist";
        throw new KernelArgumentException(_buffer.KernelName, signature.Count, null,
            $"Kernel '{_buffer.KernelName}' read argument #{index} as {kind}, but it {declared}.");
    }
}
