using System.Buffers.Binary;

namespace RingKernel.Tests.Metal;

/// <summary>
/// What the MSL translation needs to know of a SPIR-V module, read from its instructions: whether
/// spirv-cross can translate it for Metal at all, the widths of its atomics, and the one rewrite the
/// translation applies, removing the ring shaders' no-op fence atomics (see <see cref="PrepareForMsl"/>).
/// </summary>
internal sealed class SpirvForMetal
{
    private const uint Magic = 0x07230203;
    private const int HeaderWords = 5;
    private const ushort OpNop = 0;
    private const ushort OpTypeInt = 21;
    private const ushort OpTypeArray = 28;
    private const ushort OpTypePointer = 32;
    private const ushort OpConstant = 43;
    private const ushort OpSpecConstant = 50;
    private const ushort OpSpecConstantOp = 52;
    private const ushort OpVariable = 59;
    private const ushort OpLoad = 61;
    private const ushort OpAccessChain = 65;
    private const ushort OpInBoundsAccessChain = 66;
    private const ushort OpPtrAccessChain = 67;
    private const ushort OpCopyObject = 83;
    private const ushort OpConvertUToPtr = 120;
    private const ushort OpBitcast = 124;
    private const ushort OpAtomicLoad = 227;
    private const ushort OpAtomicStore = 228;
    private const ushort OpAtomicIAdd = 234;
    private const ushort OpAtomicXor = 242;
    private const uint StorageClassWorkgroup = 4;
    private const uint StorageClassPhysicalStorageBuffer = 5349;

    private readonly uint[] _words;
    private readonly List<int> _instructions = [];
    private readonly Dictionary<uint, int> _definitions = [];
    private readonly Dictionary<uint, uint> _resultTypes = [];

    public SpirvForMetal(byte[] module)
    {
        if (module.Length % 4 != 0 || module.Length < HeaderWords * 4 || BinaryPrimitives.ReadUInt32LittleEndian(module) != Magic)
            throw new InvalidDataException("Not a little-endian SPIR-V module.");
        _words = new uint[module.Length / 4];
        for (int i = 0; i < _words.Length; i++)
            _words[i] = BinaryPrimitives.ReadUInt32LittleEndian(module.AsSpan(i * 4));

        for (int at = HeaderWords; at < _words.Length;)
        {
            int count = (int)(_words[at] >> 16);
            if (count == 0 || at + count > _words.Length)
                throw new InvalidDataException($"Malformed instruction at word {at}.");
            _instructions.Add(at);
            switch (Opcode(at))
            {
                case OpTypeInt or OpTypeArray or OpTypePointer:
                    _definitions[_words[at + 1]] = at;
                    break;
                case OpConstant or OpSpecConstant or OpSpecConstantOp or OpVariable or OpLoad or OpAccessChain or OpInBoundsAccessChain
                    or OpPtrAccessChain or OpCopyObject or OpConvertUToPtr or OpBitcast:
                    _definitions[_words[at + 2]] = at;
                    _resultTypes[_words[at + 2]] = _words[at + 1];
                    break;
            }
            at += count;
        }
    }

    /// <summary>
    /// Why spirv-cross cannot give Metal this module, or null when it can: a threadgroup (workgroup)
    /// array whose length is a specialization constant (the shared-memory tiles sized by the workgroup
    /// size) becomes an MSL array sized by a function constant, which MSL does not allow.
    /// </summary>
    public string? WhyNoMsl()
    {
        foreach (int at in _instructions)
        {
            if (Opcode(at) != OpVariable || _words[at + 3] != StorageClassWorkgroup)
                continue;
            uint pointee = PointeeType(_words[at + 1]);
            if (Opcode(_definitions[pointee]) == OpTypeArray && _definitions.TryGetValue(_words[_definitions[pointee] + 3], out int length)
                && Opcode(length) is OpSpecConstant or OpSpecConstantOp)
                return "a threadgroup array sized by the workgroup size, a specialization constant: MSL sizes arrays only by compile-time constants, not by function constants";
        }

        return null;
    }

    /// <summary>The bit width of the integer each atomic instruction operates on, in module order.</summary>
    public IReadOnlyList<uint> AtomicWidths()
    {
        var widths = new List<uint>();
        foreach (int at in _instructions)
        {
            ushort opcode = Opcode(at);
            if (opcode is < OpAtomicLoad or > OpAtomicXor)
                continue;
            uint pointer = opcode == OpAtomicStore ? _words[at + 1] : _words[at + 3];
            int integer = _definitions[PointeeType(_resultTypes[pointer])];
            widths.Add(Opcode(integer) == OpTypeInt ? _words[integer + 2] : 0);
        }

        return widths;
    }

    /// <summary>
    /// The module with every fence atomic turned into OpNops, and how many there were. A fence atomic
    /// adds the constant 0 through a buffer device address and nobody reads its result: the ring shaders'
    /// rk_fence does it so that no Vulkan compiler moves a memory access across the fence. spirv-cross
    /// (2021) cannot translate an atomic through a device address ("No backing variable for atomic
    /// operation"), and Metal needs none there: a Metal ring kernel is one thread, whose fence,
    /// <c>threadgroup_barrier(mem_device)</c>, orders its device memory accesses, and the host reads what
    /// a dispatch wrote once its command buffer has completed. Every other instruction is kept word for word.
    /// </summary>
    public (byte[] Module, int FencesRemoved) PrepareForMsl()
    {
        uint[] words = (uint[])_words.Clone();
        int removed = 0;
        foreach (int at in _instructions)
        {
            if (!IsFenceAtomic(at))
                continue;
            int count = (int)(words[at] >> 16);
            for (int i = 0; i < count; i++)
                words[at + i] = (1u << 16) | OpNop;
            removed++;
        }

        byte[] module = new byte[words.Length * 4];
        for (int i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(module.AsSpan(i * 4), words[i]);
        return (module, removed);
    }

    private bool IsFenceAtomic(int at)
    {
        if (Opcode(at) != OpAtomicIAdd)
            return false;
        uint result = _words[at + 2];
        uint pointer = _words[at + 3];
        uint value = _words[at + 6];
        bool addsZero = _definitions.TryGetValue(value, out int constant) && Opcode(constant) == OpConstant && _words[constant + 3] == 0;
        bool throughAddress = _words[_definitions[_resultTypes[pointer]] + 2] == StorageClassPhysicalStorageBuffer;
        return addsZero && throughAddress && !IsUsed(result, except: at);
    }

    private bool IsUsed(uint id, int except)
    {
        foreach (int at in _instructions)
        {
            if (at == except)
                continue;
            int count = (int)(_words[at] >> 16);
            for (int i = 1; i < count; i++)
            {
                if (_words[at + i] == id)
                    return true;
            }
        }

        return false;
    }

    private uint PointeeType(uint pointerType) => _words[_definitions[pointerType] + 3];

    private ushort Opcode(int at) => (ushort)_words[at];
}
