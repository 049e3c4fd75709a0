namespace RingKernel.Samples.Cli;

/// <summary>A command line the sample cannot run; the message is one line that says what to change.</summary>
public sealed class OptionException : Exception
{
    public OptionException(string message)
        : base(message)
    {
    }

    public OptionException()
    {
    }

    public OptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
