using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Tests.Cuda;

/// <summary>Device K2K: blocks exchange messages in all 26 directions through the routes and inboxes of a K2KFabric, each delivered once, in order, with its data.</summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaK2KTests
{
    [SkippableTheory]
    [InlineData(2, 5)]
    [InlineData(4, 33)]
    public void Every_kernel_of_a_periodic_3x3x3_grid_receives_every_message_from_all_26_neighbours(int inboxCapacity, int messagesPerRoute)
    {
        CudaFacts.SkipUnlessAvailable();
        TileGrid grid = CudaK2KExchange.Grid(new Dim3(3, 3, 3));
        (uint[] received, uint errors) = CudaK2KExchange.Run(CudaFacts.Backend, grid, messagesPerRoute, inboxCapacity);
        Assert.Equal(0u, errors);
        CudaK2KExchange.AssertEveryProbeArrived(grid, received, messagesPerRoute);
    }
}
