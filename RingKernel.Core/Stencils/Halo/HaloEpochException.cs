namespace RingKernel.Stencils.Halo;

/// <summary>
/// A halo chunk that does not belong where it was received: another step (epoch), face, halo
/// width, chunk or sender than the exchange in progress expects. Tiles read exactly the chunks of
/// the epoch they are exchanging, so a fast tile's next-epoch chunks wait in the inbox unread; a
/// mismatch is therefore a protocol error, never a reason to mix two steps' data.
/// </summary>
public sealed class HaloEpochException : Exception
{
    public HaloEpochException()
    {
    }

    public HaloEpochException(string message)
        : base(message)
    {
    }

    public HaloEpochException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
