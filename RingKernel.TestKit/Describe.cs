using System.Globalization;

namespace RingKernel.TestKit;

/// <summary>Renders messages and durations for failure messages.</summary>
internal static class Describe
{
    public static string Message(object? message) => message switch
    {
        null => "null",
        string text => $"String \"{text}\"",
        _ => $"{message.GetType().Name} {Convert.ToString(message, CultureInfo.InvariantCulture)}",
    };

    public static string Hint(string? hint) => string.IsNullOrEmpty(hint) ? "" : $" ({hint})";

    public static string Duration(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);
}
