using ILGPU;
using RingKernel.Cuda.Kernels;
using RingKernel.Cuda.Stencils;
using RingKernel.Memory;

namespace RingKernel.Tests.Cuda;

/// <summary>A C# kernel becomes a CUDA body with its method and parameter count; what cannot be one is refused; views bind as ILGPU passes them.</summary>
public class CSharpKernelBodyTests
{
    [Fact]
    public void A_static_kernel_becomes_a_body_with_its_method_and_one_parameter_per_method_parameter()
    {
        CudaKernelBody<int> body = CSharpKernels.Body<int>(CudaWaveKernels3D.SharedStep, static (_, ref _) => { });
        Assert.Same(typeof(CudaWaveKernels3D).GetMethod(nameof(CudaWaveKernels3D.SharedStep)), body.Method);
        Assert.Null(body.Source);
        Assert.Equal(6, body.ParameterCount);
        Assert.Equal("SharedStep", body.EntryPoint);
        Assert.Equal($"{typeof(CudaWaveKernels3D).FullName}.SharedStep", body.ProgramName);
    }

    [Fact]
    public void Instance_methods_implicitly_grouped_kernels_and_methods_returning_values_are_refused()
    {
        var instance = new Counter();
        var bound = Assert.Throws<ArgumentException>(() => CSharpKernels.Body<int>(instance.Add, static (_, ref _) => { }));
        Assert.Contains("bound to an instance", bound.Message, StringComparison.Ordinal);
        var implicitIndex = Assert.Throws<ArgumentException>(() => CSharpKernels.Body<int>(Implicit, static (_, ref _) => { }));
        Assert.Contains("implicitly grouped", implicitIndex.Message, StringComparison.Ordinal);
        var returns = Assert.Throws<ArgumentException>(() => new CudaKernelBody<int>(typeof(Math).GetMethod(nameof(Math.Abs), [typeof(int)])!, 1, static (_, ref _) => { }));
        Assert.Contains("returning void", returns.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buffer_binds_as_an_array_view_address_then_length_in_elements()
    {
        using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(40);
        byte[] bytes = new byte[64];
        int[] offsets = new int[2];
        var parameters = new CudaParameters(bytes, offsets);
        parameters.Value(7);
        parameters.View<float>(buffer);

        Assert.Equal([0, 8], offsets);
        Assert.Equal(24, parameters.Length);
        Assert.Equal(buffer.DeviceAddress, BitConverter.ToUInt64(bytes, 8));
        Assert.Equal(10L, BitConverter.ToInt64(bytes, 16));
    }

    private static void Implicit(Index1D index, ArrayView<int> values) => values[index] = index;

    private sealed class Counter
    {
        public int Total { get; private set; }

        public void Add(ArrayView<int> values) => Total += values.IntLength;
    }
}
