using System.Reflection;
using System.Runtime.InteropServices;
using RingKernel.Layouts;

namespace RingKernel.Tests.Layouts;

/// <summary>
/// Fields written by different sides never share a 128-byte block (two cache lines, which is what
/// adjacent-line prefetchers pull in together): no false sharing between producer and consumer,
/// and no side that rewrites a block can clobber a field the other side owns.
/// </summary>
public sealed class LayoutBlockSeparationTests
{
    private const int BlockSize = 128;

    [Fact]
    public void RingHeaderProducerAndConsumerFieldsNeverShareABlock()
    {
        string[] producer = ["Tail", "DroppedCount", "ProducerWaiting"];
        string[] consumer = ["Head", "ConsumerWaiting"];
        string[] geometry = ["Capacity", "SlotSize", "Kind", "Magic"];
        AssertEveryFieldHasOneWriter<RingHeader>(producer, consumer, geometry);

        Assert.Equal([RingHeader.ProducerBlockOffset / BlockSize], BlocksOf<RingHeader>(producer));
        Assert.Equal([RingHeader.ConsumerBlockOffset / BlockSize], BlocksOf<RingHeader>(consumer));
        Assert.Equal([RingHeader.GeometryBlockOffset / BlockSize], BlocksOf<RingHeader>(geometry));
        Assert.Empty(BlocksOf<RingHeader>(producer).Intersect(BlocksOf<RingHeader>(consumer)));
        Assert.Empty(BlocksOf<RingHeader>(geometry).Intersect(BlocksOf<RingHeader>([.. producer, .. consumer])));
    }

    [Fact]
    public void ControlBlockHostAndKernelFieldsNeverShareABlock()
    {
        string[] host = ["Command", "KernelId", "HostClock", "ClockNode", "CommandEpoch"];
        string[] kernel = ["Heartbeat", "MessagesProcessed", "MessagesSent", "KernelClock", "Status", "LastError", "ErrorCount", "AcknowledgedEpoch"];
        AssertEveryFieldHasOneWriter<ControlBlock>(host, kernel);

        Assert.Equal([ControlBlock.HostBlockOffset / BlockSize], BlocksOf<ControlBlock>(host));
        Assert.Equal([ControlBlock.KernelBlockOffset / BlockSize], BlocksOf<ControlBlock>(kernel));
        Assert.Empty(BlocksOf<ControlBlock>(host).Intersect(BlocksOf<ControlBlock>(kernel)));
    }

    /// <summary>A new field must be given to one writer here before the struct passes.</summary>
    private static void AssertEveryFieldHasOneWriter<T>(params string[][] fieldsByWriter)
    {
        string[] all = fieldsByWriter.SelectMany(f => f).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(all.Distinct(StringComparer.Ordinal), all);
        Assert.Equal(all, InstanceFields<T>().Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>Indices of the 128-byte blocks that any byte of the named fields falls in.</summary>
    private static int[] BlocksOf<T>(string[] fieldNames)
    {
        var blocks = new SortedSet<int>();
        foreach (FieldInfo field in InstanceFields<T>().Where(f => fieldNames.Contains(f.Name)))
        {
            int offset = (int)Marshal.OffsetOf<T>(field.Name);
            Type stored = field.FieldType.IsEnum ? Enum.GetUnderlyingType(field.FieldType) : field.FieldType;
            int last = offset + Marshal.SizeOf(stored) - 1;
            for (int block = offset / BlockSize; block <= last / BlockSize; block++)
                blocks.Add(block);
        }
        return [.. blocks];
    }

    private static FieldInfo[] InstanceFields<T>() =>
        typeof(T).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
}
