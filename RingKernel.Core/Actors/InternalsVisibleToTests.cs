using System.Runtime.CompilerServices;

// The mailbox queues are internal; their tests (allocation, ordering under contention) live in the test suite.
[assembly: InternalsVisibleTo("RingKernel.Tests")]
