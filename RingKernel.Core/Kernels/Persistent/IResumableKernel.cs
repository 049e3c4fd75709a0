using System.Diagnostics.CodeAnalysis;

namespace RingKernel.Kernels.Persistent;

/// <summary>
/// A running ring kernel whose body may return with a message in hand to wait for something outside
/// the kernel (a neighbour's halo, say): <see cref="Resume"/> asks its backend to call the body again
/// with that message. Whoever the kernel waits for holds it, and resumes it when there is news.
/// </summary>
public interface IResumableKernel
{
    /// <summary>
    /// Asks the backend to call the kernel's body again with the message in hand; safe from any
    /// thread, at any time (a resume for a kernel that is not waiting makes at most one extra call).
    /// </summary>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The word for what the backend does to the body; kernel bodies are written in C#.")]
    void Resume();
}
