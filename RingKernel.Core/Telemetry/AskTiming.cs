using System.Diagnostics;

namespace RingKernel.Telemetry;

/// <summary>One Ask's telemetry while it waits: when it started (0 when nothing listens) and its activity, if sampled.</summary>
internal readonly record struct AskTiming(long Started, Activity? Activity);
