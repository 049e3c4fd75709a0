using System.Runtime.InteropServices;

namespace RingKernel.Tests.Conformance;

/// <summary>A number carried by a message; the echo kernel answers with it.</summary>
public readonly record struct Number(long Value);

/// <summary>Orders the K2K relay kernel to send <see cref="Value"/> on route <see cref="Route"/>.</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public readonly record struct K2KSendOrder([field: FieldOffset(0)] int Route, [field: FieldOffset(8)] long Value);

/// <summary>Orders the K2K relay kernel to take the next message from its inbox on <see cref="Route"/>.</summary>
public readonly record struct K2KReceiveOrder(int Route);

/// <summary>A K2K message's payload.</summary>
public readonly record struct K2KValue(long Value);

/// <summary>What the K2K relay kernel did with an order.</summary>
public enum K2KOutcomeStatus : uint
{
    Done = 0,
    NoRoute = 1,
    SequenceGap = 4,
}

/// <summary>The relay's answer: the value sent or received, its sequence number, the route, the kernel at the other end, and the status.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
public readonly record struct K2KOutcome(
    [field: FieldOffset(0)] long Value,
    [field: FieldOffset(8)] ulong Sequence,
    [field: FieldOffset(16)] int Route,
    [field: FieldOffset(20)] uint Peer,
    [field: FieldOffset(24)] K2KOutcomeStatus Status);
