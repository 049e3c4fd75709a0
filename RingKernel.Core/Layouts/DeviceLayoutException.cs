namespace RingKernel.Layouts;

/// <summary>A shared struct or enum cannot be emitted identically into every device language.</summary>
public sealed class DeviceLayoutException : Exception
{
    public DeviceLayoutException()
    {
    }

    public DeviceLayoutException(string message)
        : base(message)
    {
    }

    public DeviceLayoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
