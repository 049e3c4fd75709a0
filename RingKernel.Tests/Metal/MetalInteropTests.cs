using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RingKernel.Metal.Interop;

namespace RingKernel.Tests.Metal;

/// <summary>
/// The Objective-C interop as far as it can be checked without a Mac: the structs passed by value have
/// the C layout of Metal's and Foundation's, every objc_msgSend prototype is blittable and starts with
/// the receiver and the selector, and every library a declaration names is one the resolver maps.
/// </summary>
public sealed class MetalInteropTests
{
    private static readonly Type[] InteropClasses = [typeof(ObjCMessages), typeof(ObjCRuntime), typeof(MetalFramework)];

    [Fact]
    public void MtlSizeIsThreeNSUIntegersInOrder()
    {
        Assert.Equal(24, Unsafe.SizeOf<MTLSize>());
        Assert.Equal(24, Marshal.SizeOf<MTLSize>());
        Assert.Equal((0, 8, 16), (Offset<MTLSize>("Width"), Offset<MTLSize>("Height"), Offset<MTLSize>("Depth")));
    }

    [Fact]
    public void NSRangeIsALocationThenALength()
    {
        Assert.Equal(16, Unsafe.SizeOf<NSRange>());
        Assert.Equal(16, Marshal.SizeOf<NSRange>());
        Assert.Equal((0, 8), (Offset<NSRange>("Location"), Offset<NSRange>("Length")));
    }

    [Fact]
    public void EveryMessagePrototypeSendsToObjcMsgSendWithAReceiverAndASelectorFirst()
    {
        MethodInfo[] messages = Imports(typeof(ObjCMessages)).ToArray();

        Assert.True(messages.Length >= 20, $"only {messages.Length} prototypes found");
        Assert.All(messages, method =>
        {
            Assert.Equal("objc_msgSend", method.GetCustomAttribute<LibraryImportAttribute>()!.EntryPoint);
            ParameterInfo[] parameters = method.GetParameters();
            Assert.True(parameters.Length >= 2 && parameters[0].ParameterType == typeof(nint) && parameters[1].ParameterType == typeof(nint), $"{method} does not start with (receiver, selector)");
        });
    }

    [Fact]
    public void EveryNativeSignatureIsBlittable()
    {
        foreach (MethodInfo method in InteropClasses.SelectMany(Imports))
        {
            LibraryImportAttribute import = method.GetCustomAttribute<LibraryImportAttribute>()!;
            Assert.True(IsBlittable(method.ReturnType), $"{method.DeclaringType!.Name}.{method}: returns {method.ReturnType}");
            foreach (ParameterInfo parameter in method.GetParameters())
            {
                Type type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
                bool utf8String = type == typeof(string) && import.StringMarshalling == StringMarshalling.Utf8;
                Assert.True(utf8String || IsBlittable(type), $"{method.DeclaringType!.Name}.{method}: parameter {parameter.Name} is {parameter.ParameterType}");
            }
        }
    }

    [Fact]
    public void EveryImportedLibraryIsOneTheResolverMapsToItsMacOSPath()
    {
        string[] libraries = [.. InteropClasses.SelectMany(Imports).Select(m => m.GetCustomAttribute<LibraryImportAttribute>()!.LibraryName).Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal([MetalNativeLibraries.Metal, MetalNativeLibraries.ObjC], libraries);
        Assert.Equal("/usr/lib/libobjc.A.dylib", MetalNativeLibraries.PathOf(MetalNativeLibraries.ObjC));
        Assert.Equal("/System/Library/Frameworks/Metal.framework/Metal", MetalNativeLibraries.PathOf(MetalNativeLibraries.Metal));
        Assert.Null(MetalNativeLibraries.PathOf("libSystem"));
    }

    [Fact]
    public void ProbingLoadsTheRuntimeFirstThenTheFrameworkAndNamesTheOneMissing()
    {
        var asked = new List<string>();
        Assert.Null(MetalNativeLibraries.Probe(path => { asked.Add(path); return true; }));
        Assert.Equal([MetalNativeLibraries.ObjCPath, MetalNativeLibraries.MetalPath], asked);

        Assert.Equal("the Objective-C runtime (/usr/lib/libobjc.A.dylib) could not be loaded", MetalNativeLibraries.Probe(_ => false));
        Assert.Equal("the Metal framework (/System/Library/Frameworks/Metal.framework/Metal) could not be loaded",
            MetalNativeLibraries.Probe(path => path == MetalNativeLibraries.ObjCPath));
    }

    private static int Offset<T>(string property) => (int)Marshal.OffsetOf<T>($"<{property}>k__BackingField");

    private static IEnumerable<MethodInfo> Imports(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(m => m.GetCustomAttribute<LibraryImportAttribute>() is not null);

    /// <summary>A type whose values cross into native code as they are: no bool or char (marshalled), no reference inside.</summary>
    private static bool IsBlittable(Type type) =>
        type == typeof(void) || (type.IsValueType && type != typeof(bool) && type != typeof(char) && !type.IsEnum
            && !(bool)typeof(RuntimeHelpers).GetMethod(nameof(RuntimeHelpers.IsReferenceOrContainsReferences))!.MakeGenericMethod(type).Invoke(null, null)!
            && (type.IsPrimitive || type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).All(f => IsBlittable(f.FieldType))));
}
