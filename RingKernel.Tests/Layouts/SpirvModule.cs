using System.Buffers.Binary;
using System.Text;

namespace RingKernel.Tests.Layouts;

/// <summary>
/// Reads what a SPIR-V module says about its types' memory layout: names, member offsets and
/// array strides. Enough of the binary format (SPIR-V 1.x, section 2.3) to check that a shader
/// lays out the generated structs exactly as C# does.
/// </summary>
internal sealed class SpirvModule
{
    private const uint Magic = 0x07230203;
    private const int HeaderWords = 5;
    private const ushort OpName = 5;
    private const ushort OpMemberName = 6;
    private const ushort OpTypeRuntimeArray = 29;
    private const ushort OpDecorate = 71;
    private const ushort OpMemberDecorate = 72;
    private const uint DecorationArrayStride = 6;
    private const uint DecorationOffset = 35;

    private readonly Dictionary<uint, string> _names = [];
    private readonly Dictionary<(uint Type, uint Member), string> _memberNames = [];
    private readonly Dictionary<(uint Type, uint Member), uint> _memberOffsets = [];
    private readonly Dictionary<uint, uint> _arrayStrides = [];
    private readonly Dictionary<uint, uint> _runtimeArrayElements = [];

    public SpirvModule(byte[] binary)
    {
        if (binary.Length % 4 != 0 || binary.Length < HeaderWords * 4 || BinaryPrimitives.ReadUInt32LittleEndian(binary) != Magic)
            throw new InvalidDataException("Not a little-endian SPIR-V module.");
        uint[] words = new uint[binary.Length / 4];
        for (int i = 0; i < words.Length; i++)
            words[i] = BinaryPrimitives.ReadUInt32LittleEndian(binary.AsSpan(i * 4));

        for (int at = HeaderWords; at < words.Length;)
        {
            int count = (int)(words[at] >> 16);
            ushort opcode = (ushort)words[at];
            if (count == 0 || at + count > words.Length)
                throw new InvalidDataException($"Malformed instruction at word {at}.");
            ReadOnlySpan<uint> operands = words.AsSpan(at + 1, count - 1);
            switch (opcode)
            {
                case OpName:
                    _names[operands[0]] = LiteralString(operands[1..]);
                    break;
                case OpMemberName:
                    _memberNames[(operands[0], operands[1])] = LiteralString(operands[2..]);
                    break;
                case OpTypeRuntimeArray:
                    _runtimeArrayElements[operands[0]] = operands[1];
                    break;
                case OpDecorate when operands[1] == DecorationArrayStride:
                    _arrayStrides[operands[0]] = operands[2];
                    break;
                case OpMemberDecorate when operands[2] == DecorationOffset:
                    _memberOffsets[(operands[0], operands[1])] = operands[3];
                    break;
            }
            at += count;
        }
    }

    /// <summary>Member name to byte offset for the struct type named <paramref name="structName"/>.</summary>
    public Dictionary<string, int> MemberOffsets(string structName)
    {
        uint type = TypeId(structName);
        return _memberNames.Where(m => m.Key.Type == type)
            .ToDictionary(m => m.Value, m => (int)_memberOffsets[m.Key], StringComparer.Ordinal);
    }

    /// <summary>The stride of a runtime array whose elements are the struct named <paramref name="structName"/>.</summary>
    public int RuntimeArrayStride(string structName)
    {
        uint type = TypeId(structName);
        uint array = _runtimeArrayElements.Single(a => a.Value == type).Key;
        return (int)_arrayStrides[array];
    }

    private uint TypeId(string name) => _names.Single(n => n.Value == name).Key;

    private static string LiteralString(ReadOnlySpan<uint> words)
    {
        var bytes = new List<byte>(words.Length * 4);
        foreach (uint word in words)
        {
            for (int shift = 0; shift < 32; shift += 8)
            {
                byte b = (byte)(word >> shift);
                if (b == 0)
                    return Encoding.UTF8.GetString(bytes.ToArray());
                bytes.Add(b);
            }
        }
        throw new InvalidDataException("Unterminated SPIR-V string.");
    }
}
