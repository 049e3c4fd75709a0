using RingKernel.Cuda.K2K;
using RingKernel.K2K;
using RingKernel.Layouts;
using RingKernel.Memory;
using RingKernel.Tests.Conformance;

namespace RingKernel.Tests.Cuda;

/// <summary>
/// The K2K binding a CUDA ring kernel reads (rk_fabric_endpoint): the routing table's address, the
/// checksum setting and the inbox addresses, refreshed as routes come and go; and the host waiters it
/// wakes when the kernel, not a host thread, moves an inbox cursor.
/// </summary>
public sealed class CudaK2KBindingTests
{
    [Fact]
    public void The_binding_holds_the_routing_table_the_checksum_setting_and_the_inboxes_present_now()
    {
        using var fabric = new K2KFabric(HostMemorySpace.Instance, ConformanceKernels.K2KTypes(), inboxCapacity: 2, inboxSlotSize: 128, checksummed: false);
        K2KEndpoint kernel = fabric.Register(1);
        fabric.Register(2);
        K2KRoute into = fabric.Connect(2, K2KDirection.XMinus, 1);
        using var binding = new CudaK2KBinding(HostMemorySpace.Instance, kernel);

        // Host memory: a buffer's device address is its host pointer.
        ulong[] words = Words(binding);
        Assert.Equal(kernel.RoutingTable.DeviceAddress, words[0]);
        Assert.Equal(0UL, words[1]); // checksummed (32 bits) and reserved: an unchecksummed fabric
        ulong[] expected = new ulong[K2KDirections.Count];
        expected[(int)K2KDirection.XPlus] = into.InboxBuffer.DeviceAddress;
        Assert.Equal(expected, words[2..]);

        // A route set up while the kernel runs appears at the next refresh.
        K2KRoute later = fabric.Connect(2, K2KDirection.ZPlus, 1);
        binding.Refresh();
        expected[(int)K2KDirection.ZMinus] = later.InboxBuffer.DeviceAddress;
        Assert.Equal(expected, Words(binding)[2..]);
        Assert.Equal(CudaK2KBinding.Size, 16 + (K2KDirections.Count * 8));
    }

    [Fact]
    public async Task A_host_sender_parked_on_a_full_inbox_wakes_when_the_kernel_frees_a_slot_and_nothing_else_wakes_it()
    {
        using var fabric = new K2KFabric(HostMemorySpace.Instance, ConformanceKernels.K2KTypes(), inboxCapacity: 2, inboxSlotSize: 128);
        K2KEndpoint kernel = fabric.Register(1);
        K2KEndpoint host = fabric.Register(2);
        K2KRoute route = fabric.Connect(2, K2KDirection.YPlus, 1);
        using var binding = new CudaK2KBinding(HostMemorySpace.Instance, kernel);
        Assert.True(host.TrySend((int)K2KDirection.YPlus, new K2KValue(1)));
        Assert.True(host.TrySend((int)K2KDirection.YPlus, new K2KValue(2)));
        Assert.False(binding.Refresh());

        Task third = host.SendAsync((int)K2KDirection.YPlus, new K2KValue(3)).AsTask();
        Assert.True(SpinWait.SpinUntil(() => route.HasParkedWaiters, TimeSpan.FromSeconds(10)));
        Assert.False(binding.Refresh());
        Assert.False(third.IsCompleted);

        // The kernel consumes the first message as a device does: it releases Head and pulses nothing.
        ReleaseHeadAsTheDevice(route, 1);
        Assert.True(binding.Refresh());
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, route.Pending);
        Assert.Equal(4UL, route.NextSequence);
    }

    private static unsafe ulong[] Words(CudaK2KBinding binding) =>
        new ReadOnlySpan<ulong>((void*)binding.DeviceAddress, CudaK2KBinding.Size / sizeof(ulong)).ToArray();

    private static unsafe void ReleaseHeadAsTheDevice(K2KRoute route, ulong head) =>
        Volatile.Write(ref ((RingHeader*)route.InboxBuffer.HostPointer)->Head, head);
}
