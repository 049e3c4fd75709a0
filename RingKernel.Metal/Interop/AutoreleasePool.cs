namespace RingKernel.Metal.Interop;

/// <summary>
/// An autorelease pool on the current thread, drained when disposed. Metal hands back command buffers,
/// encoders, names and errors autoreleased, and .NET threads have no pool of their own, so every block of
/// calls that may get such objects runs inside one: <c>using var pool = AutoreleasePool.Push();</c>.
/// </summary>
internal readonly struct AutoreleasePool : IDisposable
{
    private readonly nint _token;

    private AutoreleasePool(nint token) => _token = token;

    public static AutoreleasePool Push() => new(ObjCRuntime.AutoreleasePoolPush());

    public void Dispose()
    {
        if (_token != 0)
            ObjCRuntime.AutoreleasePoolPop(_token);
    }
}
