using RingKernel.Metal.Interop;

namespace RingKernel.Metal.Devices;

/// <summary>
/// The system's default MTLDevice and what the backend makes from it: buffers, command queues, shared
/// events, libraries from MSL source and compute pipeline states. Every object it returns is owned by
/// the caller (an <see cref="ObjCObject"/>).
/// </summary>
internal sealed class MetalDevice : IDisposable
{
    private readonly ObjCObject _device;

    private MetalDevice(ObjCObject device)
    {
        _device = device;
        using AutoreleasePool pool = AutoreleasePool.Push();
        Name = NSStrings.Read(ObjCMessages.Pointer(device.Id, Selectors.Name));
        SupportsMetal3 = ObjCMessages.Bool(device.Id, Selectors.SupportsFamily, MetalConstants.GpuFamilyMetal3) != 0;
        HasUnifiedMemory = ObjCMessages.Bool(device.Id, Selectors.HasUnifiedMemory) != 0;
        MaxBufferLength = (long)ObjCMessages.NUInt(device.Id, Selectors.MaxBufferLength);
    }

    public string Name { get; }

    /// <summary>True when the device is in MTLGPUFamilyMetal3, whose buffers have GPU addresses.</summary>
    public bool SupportsMetal3 { get; }

    /// <summary>True on Apple silicon: shared buffers are the device's own memory.</summary>
    public bool HasUnifiedMemory { get; }

    public long MaxBufferLength { get; }

    public bool IsDisposed => _device.IsClosed;

    internal nint Id => _device.Id;

    /// <summary>The default device; null when MTLCreateSystemDefaultDevice finds none.</summary>
    public static MetalDevice? OpenDefault()
    {
        nint device = MetalFramework.CreateSystemDefaultDevice();
        return device == 0 ? null : new MetalDevice(ObjCObject.Owned(device, "MTLCreateSystemDefaultDevice()"));
    }

    /// <summary>A buffer of <paramref name="length"/> bytes with <paramref name="options"/> (MTLResourceOptions).</summary>
    public ObjCObject NewBuffer(long length, nuint options) =>
        ObjCObject.Owned(ObjCMessages.Pointer(Id, Selectors.NewBufferWithLength, (nuint)length, options), $"[MTLDevice newBufferWithLength:{length} options:{options}]");

    public ObjCObject NewCommandQueue() => ObjCObject.Owned(ObjCMessages.Pointer(Id, Selectors.NewCommandQueue), "[MTLDevice newCommandQueue]");

    public ObjCObject NewSharedEvent() => ObjCObject.Owned(ObjCMessages.Pointer(Id, Selectors.NewSharedEvent), "[MTLDevice newSharedEvent]");

    /// <summary>
    /// Compiles <paramref name="source"/> (MSL 3.0, fast math off: the kernels' results are checked bit
    /// for bit against the C# references) into a library.
    /// </summary>
    /// <exception cref="MetalException">The compiler refused the source; the message holds its diagnostics.</exception>
    public ObjCObject NewLibrary(string source, string what)
    {
        using AutoreleasePool pool = AutoreleasePool.Push();
        using ObjCObject text = NSStrings.Create(source);
        using ObjCObject options = ObjCObject.Owned(ObjCMessages.Pointer(ObjCMessages.Pointer(ObjCRuntime.GetClass("MTLCompileOptions"), Selectors.Alloc), Selectors.Init), "[[MTLCompileOptions alloc] init]");
        ObjCMessages.Void(options.Id, Selectors.SetLanguageVersion, MetalConstants.LanguageVersion3_0);
        ObjCMessages.Void(options.Id, Selectors.SetFastMathEnabled, (byte)0);
        nint library = ObjCMessages.Pointer(Id, Selectors.NewLibraryWithSource, text.Id, options.Id, out nint error);
        return library != 0 ? ObjCObject.Owned(library, "newLibraryWithSource:options:error:")
            : throw new MetalException($"Metal could not compile the MSL of {what}: {NSStrings.Describe(error)}");
    }

    /// <summary>
    /// The kernel function <paramref name="entryPoint"/> of <paramref name="library"/> specialised to
    /// threadgroups of <paramref name="workgroup"/> (function constants 0, 1 and 2, where spirv-cross put
    /// the SPIR-V's workgroup-size specialisation constants), as a compute pipeline state.
    /// </summary>
    /// <exception cref="MetalException">The function is missing or the pipeline could not be made.</exception>
    public ObjCObject NewComputePipeline(ObjCObject library, string entryPoint, (uint X, uint Y, uint Z) workgroup, string what)
    {
        using AutoreleasePool pool = AutoreleasePool.Push();
        using ObjCObject name = NSStrings.Create(entryPoint);
        using ObjCObject constants = ObjCObject.Owned(ObjCMessages.Pointer(ObjCMessages.Pointer(ObjCRuntime.GetClass("MTLFunctionConstantValues"), Selectors.Alloc), Selectors.Init), "[[MTLFunctionConstantValues alloc] init]");
        ObjCMessages.Void(constants.Id, Selectors.SetConstantValue, in workgroup.X, MetalConstants.DataTypeUInt, 0);
        ObjCMessages.Void(constants.Id, Selectors.SetConstantValue, in workgroup.Y, MetalConstants.DataTypeUInt, 1);
        ObjCMessages.Void(constants.Id, Selectors.SetConstantValue, in workgroup.Z, MetalConstants.DataTypeUInt, 2);
        nint function = ObjCMessages.Pointer(library.Id, Selectors.NewFunctionWithName, name.Id, constants.Id, out nint error);
        if (function == 0)
            throw new MetalException($"The MSL of {what} has no kernel function '{entryPoint}' for threadgroups of {workgroup}: {NSStrings.Describe(error)}");
        using ObjCObject owned = ObjCObject.Owned(function, "newFunctionWithName:constantValues:error:");
        nint pipeline = ObjCMessages.Pointer(Id, Selectors.NewComputePipelineState, owned.Id, out error);
        return pipeline != 0 ? ObjCObject.Owned(pipeline, "newComputePipelineStateWithFunction:error:")
            : throw new MetalException($"Metal could not make a compute pipeline of {what}: {NSStrings.Describe(error)}");
    }

    public void Dispose() => _device.Dispose();

    public override string ToString() => Name;
}
