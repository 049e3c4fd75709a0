using RingKernel.Cpu.Kernels;
using RingKernel.Cuda.Kernels;
using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Layouts;
using RingKernel.Metal.Kernels;
using RingKernel.Rings;
using RingKernel.TestKernels.Cuda;
using RingKernel.TestKernels.Vulkan;
using RingKernel.Vulkan.Kernels;

namespace RingKernel.Tests.Conformance;

/// <summary>
/// The kernels of the conformance suite, each with a body per backend: the CPU's C# body, the
/// Vulkan shader (RingKernel.Vulkan/Shaders/ring_*.comp), its MSL translation for Metal (WithMetal) and
/// the CUDA C program (RingKernel.Cuda/Kernels/ring_*.cu). A new backend adds its body here.
/// </summary>
public static class ConformanceKernels
{
    /// <summary>A value that faults the echo kernel while it processes it.</summary>
    public const long Poison = -1;

    public const uint NumberTypeId = 1;
    public const uint SendOrderTypeId = 31;
    public const uint ReceiveOrderTypeId = 32;
    public const uint OutcomeTypeId = 33;
    public const uint K2KValueTypeId = 41;

    /// <summary>The ring message types.</summary>
    public static MessageTypeRegistry Types()
    {
        var types = new MessageTypeRegistry(192);
        types.Register<Number>(NumberTypeId);
        types.Register<K2KSendOrder>(SendOrderTypeId);
        types.Register<K2KReceiveOrder>(ReceiveOrderTypeId);
        types.Register<K2KOutcome>(OutcomeTypeId);
        return types;
    }

    /// <summary>The K2K message types.</summary>
    public static MessageTypeRegistry K2KTypes()
    {
        var types = new MessageTypeRegistry(64);
        types.Register<K2KValue>(K2KValueTypeId);
        return types;
    }

    public static LaunchOptions Options(int capacity = 64) =>
        new(new Dim3(1), new Dim3(1)) { InputRingCapacity = capacity, OutputRingCapacity = capacity };

    /// <summary>Replies with the number it received; faults on <see cref="Poison"/> without replying.</summary>
    public static KernelDefinition<object?> Echo(LaunchOptions? options = null) => new KernelDefinition<object?>("echo", options ?? Options())
        .WithCpuMessage(static (kernel, _) =>
        {
            Number number = kernel.Get<Number>();
            if (number.Value == Poison)
                throw new InvalidOperationException("poison message");
            kernel.Reply(number);
        })
        .WithVulkan(VulkanRingKernelBodies.Echo<object?>())
        .WithCuda(CudaRingKernelBodies.Echo<object?>())
        .WithMetal();

    /// <summary>Sends and receives K2K messages on the host's orders and answers each with a <see cref="K2KOutcome"/>.</summary>
    public static KernelDefinition<object?> K2KRelay(LaunchOptions? options = null) => new KernelDefinition<object?>("k2k-relay", options ?? Options())
        .WithCpuMessage(static (kernel, _) =>
        {
            if (kernel.Is<K2KSendOrder>())
                kernel.Reply(Send(kernel, kernel.Get<K2KSendOrder>()));
            else
                kernel.Reply(Receive(kernel, kernel.Get<K2KReceiveOrder>()));
        })
        .WithVulkan(VulkanRingKernelBodies.K2KRelay<object?>(SendOrderTypeId, ReceiveOrderTypeId, OutcomeTypeId, K2KValueTypeId))
        .WithCuda(CudaRingKernelBodies.K2KRelay<object?>(SendOrderTypeId, ReceiveOrderTypeId, OutcomeTypeId, K2KValueTypeId))
        .WithMetal();

    private static K2KOutcome Send(RingKernelContext kernel, K2KSendOrder order)
    {
        try
        {
            K2KRoute? route = kernel.K2K.FindRoute(order.Route);
            ulong sequence = route?.NextSequence ?? 0;
            kernel.K2K.Send(order.Route, new K2KValue(order.Value), kernel.TerminationToken);
            return new K2KOutcome(order.Value, sequence, order.Route, route!.TargetKernelId, K2KOutcomeStatus.Done);
        }
        catch (K2KRouteNotFoundException)
        {
            return new K2KOutcome(0, 0, order.Route, 0, K2KOutcomeStatus.NoRoute);
        }
    }

    private static K2KOutcome Receive(RingKernelContext kernel, K2KReceiveOrder order)
    {
        try
        {
            var wait = new SpinWait();
            K2KValue value;
            MessageHeader header;
            while (!kernel.K2K.TryReceive(order.Route, out value, out header))
            {
                kernel.TerminationToken.ThrowIfCancellationRequested();
                wait.SpinOnce();
            }

            return new K2KOutcome(value.Value, header.MessageId, order.Route, header.SourceId, K2KOutcomeStatus.Done);
        }
        catch (K2KRouteNotFoundException)
        {
            return new K2KOutcome(0, 0, order.Route, 0, K2KOutcomeStatus.NoRoute);
        }
        catch (K2KSequenceException gap)
        {
            return new K2KOutcome(0, gap.Actual, order.Route, 0, K2KOutcomeStatus.SequenceGap);
        }
    }
}
