using RingKernel.Cpu.Kernels;
using RingKernel.Kernels;
using RingKernel.Rings;

namespace RingKernel.Samples.StreamPipeline;

/// <summary>The CPU ring kernel of the pipeline: each reading in, its sensor's updated statistics out.</summary>
public static class SensorStatsKernel
{
    /// <summary>Slots in each ring.</summary>
    public const int RingCapacity = 4096;

    /// <summary>A 64-byte header and the 48-byte statistics, rounded up to whole cache lines.</summary>
    public const int SlotBytes = 128;

    public static KernelDefinition<SensorStatistics> Definition() =>
        new KernelDefinition<SensorStatistics>("sensor-stats", new LaunchOptions(new Dim3(1), new Dim3(1)) { InputRingCapacity = RingCapacity, OutputRingCapacity = RingCapacity, MessageSlotBytes = SlotBytes })
            .WithCpuMessage(static (kernel, statistics) => kernel.Send(statistics.Update(kernel.Get<SensorReading>())));

    /// <summary>The messages both rings carry.</summary>
    public static MessageTypeRegistry Types() =>
        new MessageTypeRegistry(SlotBytes - Layouts.MessageHeader.Size)
            .Register<SensorReading>(SensorReading.TypeId)
            .Register<SensorStats>(SensorStats.TypeId);
}
