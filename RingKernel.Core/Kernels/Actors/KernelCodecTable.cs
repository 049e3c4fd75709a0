using System.Collections.Frozen;

namespace RingKernel.Kernels.Actors;

/// <summary>A frozen <see cref="KernelMessageTypes"/>: codecs by CLR type (sending) and by type id (receiving).</summary>
internal sealed class KernelCodecTable(FrozenDictionary<Type, KernelPayloadCodec> byType, FrozenDictionary<uint, KernelPayloadCodec> byId)
{
    public bool TryGet(Type type, out KernelPayloadCodec codec) => byType.TryGetValue(type, out codec!);

    public bool TryGet(uint typeId, out KernelPayloadCodec codec) => byId.TryGetValue(typeId, out codec!);
}
