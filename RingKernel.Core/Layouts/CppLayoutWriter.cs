using System.Text;

namespace RingKernel.Layouts;

/// <summary>
/// A device language of the C++ family: <c>#pragma once</c>, <c>constexpr</c> constants, and
/// static_asserts on every size and offset. A backend names its types and how its constants are qualified.
/// </summary>
public abstract class CppLayoutWriter : DeviceLayoutWriter
{
    private readonly string _constantQualifier;

    /// <param name="typeNames">The language's scalar types.</param>
    /// <param name="constantQualifier">What stands before <c>constexpr</c> in a constant's declaration: its storage or address space.</param>
    protected CppLayoutWriter(DeviceTypeNames typeNames, string constantQualifier)
        : base(typeNames)
    {
        ArgumentNullException.ThrowIfNull(constantQualifier);
        _constantQualifier = constantQualifier;
    }

    protected sealed override bool HasStaticAssert => true;

    protected sealed override string DeclareConstant(string typeName, string name, string literal) =>
        $"{_constantQualifier} constexpr {typeName} {name} = {literal};";

    protected sealed override void WriteOpening(StringBuilder text) => text.Append("#pragma once\n");
}
