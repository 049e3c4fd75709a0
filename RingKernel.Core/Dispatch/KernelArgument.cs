using RingKernel.Kernels;
using RingKernel.Memory;

namespace RingKernel.Dispatch;

/// <summary>
/// One argument value on its way into a slot: a buffer's device address or a scalar's bits. Values
/// convert implicitly, so <c>arguments.Pack(input, output, 1024, 0.5f)</c> reads like a call.
/// </summary>
public readonly struct KernelArgument
{
    private KernelArgument(KernelParameterKind kind, ulong bits, DeviceBuffer? buffer)
    {
        Kind = kind;
        Bits = bits;
        Buffer = buffer;
    }

    public KernelParameterKind Kind { get; }

    /// <summary>The slot's contents: the address, or the scalar zero-extended to 64 bits.</summary>
    public ulong Bits { get; }

    /// <summary>The buffer of a <see cref="KernelParameterKind.Buffer"/> argument; null for a scalar.</summary>
    public DeviceBuffer? Buffer { get; }

    public static implicit operator KernelArgument(DeviceBuffer buffer) => FromBuffer(buffer);

    public static implicit operator KernelArgument(int value) => FromInt32(value);

    public static implicit operator KernelArgument(uint value) => FromUInt32(value);

    public static implicit operator KernelArgument(long value) => FromInt64(value);

    public static implicit operator KernelArgument(ulong value) => FromUInt64(value);

    public static implicit operator KernelArgument(float value) => FromFloat32(value);

    public static implicit operator KernelArgument(double value) => FromFloat64(value);

    public static KernelArgument FromBuffer(DeviceBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return new(KernelParameterKind.Buffer, buffer.DeviceAddress, buffer);
    }

    public static KernelArgument FromInt32(int value) => new(KernelParameterKind.I32, (uint)value, null);

    public static KernelArgument FromUInt32(uint value) => new(KernelParameterKind.U32, value, null);

    public static KernelArgument FromInt64(long value) => new(KernelParameterKind.I64, (ulong)value, null);

    public static KernelArgument FromUInt64(ulong value) => new(KernelParameterKind.U64, value, null);

    public static KernelArgument FromFloat32(float value) => new(KernelParameterKind.F32, BitConverter.SingleToUInt32Bits(value), null);

    public static KernelArgument FromFloat64(double value) => new(KernelParameterKind.F64, BitConverter.DoubleToUInt64Bits(value), null);

    public override string ToString() => Buffer is { } buffer ? $"Buffer of {buffer.Length} B at 0x{Bits:x}" : $"{Kind} 0x{Bits:x}";
}
