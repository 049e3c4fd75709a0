namespace RingKernel.Cuda.K2K;

/// <summary>Where a device route leads: the target kernel, and which of its inboxes (by index) receives.</summary>
internal readonly record struct DeviceRoute(int Target, int Inbox);
