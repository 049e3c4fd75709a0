namespace ActorHosting;

/// <summary>A number carried by a message to and from the kernel: an unmanaged struct, so it fits a ring slot.</summary>
public readonly record struct Number(long Value);
