namespace RingKernel.Metal.Interop;

/// <summary>The selectors the backend sends, registered on first use (so only once Metal was found).</summary>
internal static class Selectors
{
    public static readonly nint Alloc = ObjCRuntime.RegisterSelector("alloc");
    public static readonly nint Init = ObjCRuntime.RegisterSelector("init");
    public static readonly nint InitWithUtf8String = ObjCRuntime.RegisterSelector("initWithUTF8String:");
    public static readonly nint Utf8String = ObjCRuntime.RegisterSelector("UTF8String");
    public static readonly nint LocalizedDescription = ObjCRuntime.RegisterSelector("localizedDescription");

    public static readonly nint Name = ObjCRuntime.RegisterSelector("name");
    public static readonly nint SupportsFamily = ObjCRuntime.RegisterSelector("supportsFamily:");
    public static readonly nint HasUnifiedMemory = ObjCRuntime.RegisterSelector("hasUnifiedMemory");
    public static readonly nint MaxBufferLength = ObjCRuntime.RegisterSelector("maxBufferLength");
    public static readonly nint NewBufferWithLength = ObjCRuntime.RegisterSelector("newBufferWithLength:options:");
    public static readonly nint NewCommandQueue = ObjCRuntime.RegisterSelector("newCommandQueue");
    public static readonly nint NewSharedEvent = ObjCRuntime.RegisterSelector("newSharedEvent");
    public static readonly nint NewLibraryWithSource = ObjCRuntime.RegisterSelector("newLibraryWithSource:options:error:");
    public static readonly nint NewFunctionWithName = ObjCRuntime.RegisterSelector("newFunctionWithName:constantValues:error:");
    public static readonly nint NewComputePipelineState = ObjCRuntime.RegisterSelector("newComputePipelineStateWithFunction:error:");

    public static readonly nint SetLanguageVersion = ObjCRuntime.RegisterSelector("setLanguageVersion:");
    public static readonly nint SetFastMathEnabled = ObjCRuntime.RegisterSelector("setFastMathEnabled:");
    public static readonly nint SetConstantValue = ObjCRuntime.RegisterSelector("setConstantValue:type:atIndex:");
    public static readonly nint MaxTotalThreadsPerThreadgroup = ObjCRuntime.RegisterSelector("maxTotalThreadsPerThreadgroup");

    public static readonly nint Contents = ObjCRuntime.RegisterSelector("contents");
    public static readonly nint GpuAddress = ObjCRuntime.RegisterSelector("gpuAddress");

    public static readonly nint CommandBuffer = ObjCRuntime.RegisterSelector("commandBuffer");
    public static readonly nint ComputeCommandEncoder = ObjCRuntime.RegisterSelector("computeCommandEncoder");
    public static readonly nint BlitCommandEncoder = ObjCRuntime.RegisterSelector("blitCommandEncoder");
    public static readonly nint EncodeWaitForEvent = ObjCRuntime.RegisterSelector("encodeWaitForEvent:value:");
    public static readonly nint EncodeSignalEvent = ObjCRuntime.RegisterSelector("encodeSignalEvent:value:");
    public static readonly nint Commit = ObjCRuntime.RegisterSelector("commit");
    public static readonly nint WaitUntilCompleted = ObjCRuntime.RegisterSelector("waitUntilCompleted");
    public static readonly nint Status = ObjCRuntime.RegisterSelector("status");
    public static readonly nint Error = ObjCRuntime.RegisterSelector("error");

    public static readonly nint SetComputePipelineState = ObjCRuntime.RegisterSelector("setComputePipelineState:");
    public static readonly nint SetBuffer = ObjCRuntime.RegisterSelector("setBuffer:offset:atIndex:");
    public static readonly nint SetBytes = ObjCRuntime.RegisterSelector("setBytes:length:atIndex:");
    public static readonly nint UseResources = ObjCRuntime.RegisterSelector("useResources:count:usage:");
    public static readonly nint DispatchThreadgroups = ObjCRuntime.RegisterSelector("dispatchThreadgroups:threadsPerThreadgroup:");
    public static readonly nint EndEncoding = ObjCRuntime.RegisterSelector("endEncoding");
    public static readonly nint CopyFromBuffer = ObjCRuntime.RegisterSelector("copyFromBuffer:sourceOffset:toBuffer:destinationOffset:size:");
    public static readonly nint FillBuffer = ObjCRuntime.RegisterSelector("fillBuffer:range:value:");
}
