using RingKernel.Commands;

namespace RingKernel.Vulkan.Commands;

/// <summary>
/// What the worker and completion threads of a device command queue do alike: the Vulkan queue's,
/// and the Metal queue's, which is built on this assembly.
/// </summary>
internal static class DeviceQueueWork
{
    /// <summary>
    /// Records in <paramref name="intake"/> that command <paramref name="index"/> of submission
    /// <paramref name="submission"/> failed with <paramref name="failure"/> (the commands before it
    /// still run), and returns the queue's fault; a failure while <paramref name="disposing"/> is the disposal.
    /// </summary>
    public static CommandQueueFaultedException RecordCommandFault(CommandQueueIntake intake, string queueName, QueueKind kind, ulong submission, QueueCommand[] commands, int index, Exception failure, bool disposing)
    {
        Exception reason = disposing
            ? new ObjectDisposedException(queueName, $"Command queue '{queueName}' was disposed before the command completed.")
            : failure is AggregateException { InnerException: { } inner } ? inner : failure;
        string command = index < commands.Length ? commands[index].ToString()! : "the submission's last batch";
        var faulted = new CommandQueueFaultedException(queueName, kind, submission, index, command, reason);
        intake.RecordFault(faulted);
        return faulted;
    }

    /// <summary>Raises a Signal command's signal; one already past the value (raised by someone else too) or disposed by its owner needs nothing.</summary>
    public static void Raise(TimelineSignal signal, ulong value)
    {
        try
        {
            if (!signal.IsReached(value))
                signal.Signal(value);
        }
        catch (InvalidOperationException) when (signal.IsReached(value))
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
