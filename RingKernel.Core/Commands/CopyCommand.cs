using RingKernel.Memory;

namespace RingKernel.Commands;

/// <summary>Copies <see cref="Length"/> bytes between two buffers; the ranges were checked when it was recorded.</summary>
public sealed class CopyCommand : QueueCommand
{
    internal CopyCommand(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset, long length)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        CheckRange(source, sourceOffset, length, "source");
        CheckRange(destination, destinationOffset, length, "destination");
        Source = source;
        SourceOffset = sourceOffset;
        Destination = destination;
        DestinationOffset = destinationOffset;
        Length = length;
    }

    public DeviceBuffer Source { get; }

    public long SourceOffset { get; }

    public DeviceBuffer Destination { get; }

    public long DestinationOffset { get; }

    public long Length { get; }

    public override string ToString() =>
        $"Copy {Length} B from {Source.Kind} buffer of {Source.Length} B at {SourceOffset} to {Destination.Kind} buffer of {Destination.Length} B at {DestinationOffset}";

    private static void CheckRange(DeviceBuffer buffer, long offset, long length, string which)
    {
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        if (length <= 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, "A copy moves at least one byte.");
        if (offset < 0 || offset > buffer.Length - length)
            throw new ArgumentOutOfRangeException(nameof(length), $"The {which} range [{offset}, {offset + length}) is outside its buffer of {buffer.Length} bytes.");
    }
}
