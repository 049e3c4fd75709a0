using System.Runtime.CompilerServices;
using RingKernel.Memory;

namespace RingKernel.Rings;

/// <summary>
/// The wake signals of the ring in one buffer. They are kept per buffer, not per ring object, so a
/// producer and a consumer that attached to the same ring separately still wake each other.
/// </summary>
internal sealed class RingSignals
{
    private static readonly ConditionalWeakTable<DeviceBuffer, RingSignals> ByBuffer = new();

    /// <summary>Pulsed by the consumer after releasing slots while a producer is parked.</summary>
    public RingWakeSignal FreeSlot { get; } = new();

    /// <summary>Pulsed by a producer after publishing while the consumer is parked.</summary>
    public RingWakeSignal ReadableSlot { get; } = new();

    public static RingSignals For(DeviceBuffer buffer) => ByBuffer.GetValue(buffer, static _ => new RingSignals());
}
