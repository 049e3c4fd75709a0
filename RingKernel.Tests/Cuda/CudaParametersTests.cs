using RingKernel.Cuda.Kernels;
using RingKernel.Kernels;
using RingKernel.Memory;
using RingKernel.TestKernels.Cuda;

namespace RingKernel.Tests.Cuda;

/// <summary>Kernel parameters are packed at their C alignment, checked against the space and the declared count.</summary>
public class CudaParametersTests
{
    [Fact]
    public void Each_parameter_lands_at_the_next_multiple_of_its_alignment_with_its_bytes()
    {
        byte[] bytes = new byte[64];
        int[] offsets = new int[6];
        var parameters = new CudaParameters(bytes, offsets);
        using DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(256);
        parameters.Value((byte)7);
        parameters.Value(0x11223344);
        parameters.Address(buffer);
        parameters.Value(2.5f);
        parameters.Value((short)-2);
        parameters.Value(long.MinValue);

        Assert.Equal(6, parameters.Count);
        Assert.Equal([0, 4, 8, 16, 20, 24], offsets);
        Assert.Equal(16, parameters.OffsetOf(3));
        Assert.Equal(32, parameters.Length);
        Assert.Equal(7, bytes[0]);
        Assert.Equal(0x11223344, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(buffer.DeviceAddress, BitConverter.ToUInt64(bytes, 8));
        Assert.Equal(2.5f, BitConverter.ToSingle(bytes, 16));
        Assert.Equal(-2, BitConverter.ToInt16(bytes, 20));
        Assert.Equal(long.MinValue, BitConverter.ToInt64(bytes, 24));
    }

    [Fact]
    public void More_parameters_than_declared_or_more_bytes_than_the_space_are_refused()
    {
        var declared = Assert.Throws<InvalidOperationException>(() =>
        {
            var parameters = new CudaParameters(new byte[64], new int[1]);
            parameters.Value(1);
            parameters.Value(2);
        });
        Assert.Contains("declares 1 parameter", declared.Message, StringComparison.Ordinal);

        var space = Assert.Throws<InvalidOperationException>(() =>
        {
            var parameters = new CudaParameters(new byte[12], new int[4]);
            parameters.Value(1);
            parameters.Value(2L);
        });
        Assert.Contains("at byte 8 does not fit the 12 bytes", space.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CudaParameters(new byte[8], new int[1]).OffsetOf(0));
    }

    [Fact]
    public void A_disposed_buffer_cannot_be_passed()
    {
        DeviceBuffer buffer = HostMemorySpace.Instance.Allocate(64);
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new CudaParameters(new byte[8], new int[1]).Address(buffer));
    }

    [Fact]
    public void The_ring_echo_binder_appends_what_its_signature_declares_after_the_backends_five()
    {
        KernelDefinition<RingEchoArgs> echo = CudaKernels.RingEcho("echo", 16, 16);
        Assert.True(echo.TryGetBody(out CudaKernelBody<RingEchoArgs>? body));
        Assert.Equal(("ring_echo.cu", "ring_echo", 8), (body.ProgramName, body.EntryPoint, body.ParameterCount));
        byte[] bytes = new byte[CudaParameters.MaxBytes];
        int[] offsets = new int[body.ParameterCount];
        var parameters = new CudaParameters(bytes, offsets);
        for (int i = 0; i < 3; i++)
            parameters.Value(0UL); // control block, input ring, output ring
        parameters.Value(1);       // checksummed
        parameters.Value(0UL);     // K2K endpoint: none
        body.Bind(new RingEchoArgs(9, Poison: -5), ref parameters);
        Assert.Equal(body.ParameterCount, parameters.Count);
        Assert.Equal(9u, BitConverter.ToUInt32(bytes, parameters.OffsetOf(5)));
        Assert.Equal(-5L, BitConverter.ToInt64(bytes, parameters.OffsetOf(6)));
        Assert.Equal(1, BitConverter.ToInt32(bytes, parameters.OffsetOf(7)));
        Assert.Equal(48, parameters.OffsetOf(6));
    }
}
