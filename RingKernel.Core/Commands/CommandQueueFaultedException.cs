namespace RingKernel.Commands;

/// <summary>
/// A command of a queue failed: the message names the queue, the submission, the command's index in
/// it and what the command was; the command's own exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class CommandQueueFaultedException : Exception
{
    public CommandQueueFaultedException(string queueName, QueueKind queueKind, ulong submission, int commandIndex, string command, Exception inner)
        : base($"Command queue '{queueName}' ({queueKind}) faulted in command #{commandIndex} of submission {submission}, {command}: {inner.GetType().Name}: {inner.Message}", inner)
    {
        QueueName = queueName;
        QueueKind = queueKind;
        Submission = submission;
        CommandIndex = commandIndex;
        Command = command;
    }

    public string QueueName { get; }

    public QueueKind QueueKind { get; }

    /// <summary>The failed submission's number: 1 for the queue's first.</summary>
    public ulong Submission { get; }

    /// <summary>The failed command's index in its <see cref="CommandList"/>.</summary>
    public int CommandIndex { get; }

    /// <summary>What the command was, as <see cref="QueueCommand.ToString"/> describes it.</summary>
    public string Command { get; }
}
