using RingKernel.Rings;

namespace RingKernel.Telemetry;

/// <summary>A ring the ring instruments read: its slot ring, and its message layer when it has one (which counts rejections).</summary>
internal sealed record ObservedRing(SlotRing Ring, MessageRing? Messages);
