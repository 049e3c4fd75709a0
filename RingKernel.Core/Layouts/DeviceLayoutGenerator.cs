namespace RingKernel.Layouts;

/// <summary>
/// Generates the device-language declarations of the shared layouts from their C# definitions, so
/// that the C# struct is the only one written by hand; each backend supplies the
/// <see cref="DeviceLayoutWriter"/> of its language. The generated headers are committed next to
/// each backend's kernels; a test fails when one differs from what this produces.
/// </summary>
public static class DeviceLayoutGenerator
{
    /// <summary>How to rewrite the committed headers after a layout changes; printed in every header.</summary>
    public const string RegenerateCommand =
        "RINGKERNEL_UPDATE_LAYOUTS=1 dotnet test RingKernel.sln -c Release --filter FullyQualifiedName~RingKernel.Tests.Layouts.CommittedLayoutHeaderTests";

    /// <summary>The header <paramref name="writer"/> writes declaring everything in <see cref="DeviceLayoutCatalog"/>.</summary>
    public static string Generate(DeviceLayoutWriter writer) =>
        Generate(writer, DeviceLayoutCatalog.Structs, DeviceLayoutCatalog.Enums);

    /// <summary>
    /// The header <paramref name="writer"/> writes declaring <paramref name="structs"/> and <paramref name="enums"/>.
    /// Throws <see cref="DeviceLayoutException"/> for a layout no device language can reproduce exactly.
    /// </summary>
    public static string Generate(DeviceLayoutWriter writer, IEnumerable<Type> structs, IEnumerable<Type> enums)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(structs);
        ArgumentNullException.ThrowIfNull(enums);
        List<DeviceStructLayout> structLayouts = structs.Select(DeviceStructLayout.FromType).ToList();
        List<DeviceEnumLayout> enumLayouts = enums.Select(DeviceEnumLayout.FromType).ToList();
        CheckConsistent(structLayouts, enumLayouts);
        return writer.Write(structLayouts, enumLayouts);
    }

    /// <summary>Every name is declared once, and every enum a field holds is emitted too.</summary>
    private static void CheckConsistent(List<DeviceStructLayout> structs, List<DeviceEnumLayout> enums)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        IEnumerable<string> names = structs.Select(s => s.Name)
            .Concat(enums.Select(e => e.Name))
            .Concat(enums.SelectMany(e => e.Values).Select(v => v.Name))
            .Concat(structs.SelectMany(s => s.Constants).Select(c => c.Name));
        foreach (string name in names)
        {
            if (!declared.Add(name))
                throw new DeviceLayoutException($"{name} would be declared twice in the generated headers.");
        }

        foreach (DeviceStructLayout layout in structs)
        {
            var members = new HashSet<string>(StringComparer.Ordinal);
            foreach (DeviceMember member in layout.Members)
            {
                if (!members.Add(member.Name))
                    throw new DeviceLayoutException($"{layout.Name}.{member.Name} is declared twice (a field named like the padding at offset {member.Offset}?).");
                if (member.EnumTypeName is { } enumName && !enums.Exists(e => e.Name == enumName))
                    throw new DeviceLayoutException($"{layout.Name}.{member.Name} holds {enumName}, which is not among the enums emitted; add it to {nameof(DeviceLayoutCatalog)}.{nameof(DeviceLayoutCatalog.Enums)}.");
            }
        }
    }
}
