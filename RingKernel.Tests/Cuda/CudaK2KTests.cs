using RingKernel.Cuda.K2K;
using RingKernel.K2K;
using RingKernel.Kernels;

namespace RingKernel.Tests.Cuda;

/// <summary>Device K2K: blocks exchange messages in all 26 directions through inboxes in device memory, each delivered once, in order, with its data.</summary>
[Collection(CudaDeviceCollection.Name)]
public class CudaK2KTests
{
    [SkippableTheory]
    [InlineData(2, 5)]
    [InlineData(4, 33)]
    public void Every_kernel_of_a_periodic_3x3x3_grid_receives_every_message_from_all_26_neighbours(int inboxCapacity, int messagesPerRoute)
    {
        CudaFacts.SkipUnlessAvailable();
        var grid = new Dim3(3, 3, 3);
        (uint[] received, uint errors) = CudaK2KExchange.Run(CudaFacts.Backend, grid, messagesPerRoute, inboxCapacity);
        Assert.Equal(0u, errors);
        for (int kernel = 0; kernel < 27; kernel++)
        {
            for (int d = 0; d < K2KDirections.Count; d++)
            {
                // A message that travelled in direction d came from the neighbour in the opposite direction.
                int source = CudaK2KExchange.Neighbour(grid, kernel, ((K2KDirection)d).Opposite());
                for (int sequence = 0; sequence < messagesPerRoute; sequence++)
                {
                    uint value = received[(((kernel * K2KDirections.Count) + d) * messagesPerRoute) + sequence];
                    Assert.True(CudaK2KExchange.ProbeValue(source, d, sequence) == value,
                        $"kernel {kernel}, direction {(K2KDirection)d}, message {sequence}: expected {CudaK2KExchange.ProbeValue(source, d, sequence)}, got {value}.");
                }
            }
        }
    }
}
