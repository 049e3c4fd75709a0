using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ActorHosting;

/// <summary>One line per entry: seconds since start, who speaks, what happened; warnings and errors say so and keep their exception.</summary>
public sealed class StoryConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "story";

    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string level = logEntry.LogLevel >= LogLevel.Warning ? $"{logEntry.LogLevel.ToString().ToUpperInvariant()}: " : "";
        textWriter.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{_sinceStart.Elapsed.TotalSeconds,6:0.000}s  {logEntry.Category,-10} {level}{logEntry.Formatter(logEntry.State, logEntry.Exception)}"));
        if (logEntry.Exception is not null)
            textWriter.WriteLine(logEntry.Exception);
    }
}
