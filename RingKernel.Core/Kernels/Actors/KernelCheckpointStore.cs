namespace RingKernel.Kernels.Actors;

/// <summary>A kernel actor's checkpoint: how to save and restore its kernel's arguments, and the last bytes saved (kept across restarts).</summary>
internal sealed class KernelCheckpointStore<TArgs>(KernelCheckpoint<TArgs>? checkpoint)
{
    public bool IsConfigured => checkpoint is not null;

    public byte[]? Last { get; private set; }

    public byte[] Save(TArgs args)
    {
        byte[] bytes = checkpoint!.Save(args);
        Last = bytes;
        return bytes;
    }

    /// <summary>Restores the last checkpoint into fresh arguments; does nothing when none was saved.</summary>
    public void RestoreInto(TArgs args)
    {
        if (checkpoint is not null && Last is { } bytes)
            checkpoint.Restore(args, bytes);
    }
}
