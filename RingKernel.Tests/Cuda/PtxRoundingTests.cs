using RingKernel.Cuda.Compilation;

namespace RingKernel.Tests.Cuda;

/// <summary>Every f32/f64 add, sub and mul gets an explicit .rn, which ptxas never fuses into an FMA; nothing else changes.</summary>
public class PtxRoundingTests
{
    // The shape ILGPU writes: tab-indented, predicated branches, labels, integer and float arithmetic.
    private const string IlgpuPtx = """
        	L_1:
        	mul.lo.s32	%r13, %r1, %r12;
        	add.s32	%r14, %r7, %r13;
        	add.u64	%rd5, %rd1, %rd6;
        	ld.f32	%f2, [%rd5];
        	add.f32	%f4, %f3, %f2;
        	mul.f32	%f7, %f2, 0f40800000;
        	sub.f32	%f8, %f6, %f7;
        	@%p3 mul.f64	%fd2, %fd1, %fd1;
        	@!%p3 add.ftz.f32	%f9, %f1, %f8;
        	sub.rz.f32	%f10, %f9, %f1;
        	add.rn.f64	%fd3, %fd2, %fd2;
        	fma.rn.f32	%f11, %f1, %f2, %f3;
        	div.rn.f32	%f12, %f1, %f2;
        	@%p3 bra	L_1;
        """;

    private const string Rounded = """
        	L_1:
        	mul.lo.s32	%r13, %r1, %r12;
        	add.s32	%r14, %r7, %r13;
        	add.u64	%rd5, %rd1, %rd6;
        	ld.f32	%f2, [%rd5];
        	add.rn.f32	%f4, %f3, %f2;
        	mul.rn.f32	%f7, %f2, 0f40800000;
        	sub.rn.f32	%f8, %f6, %f7;
        	@%p3 mul.rn.f64	%fd2, %fd1, %fd1;
        	@!%p3 add.rn.ftz.f32	%f9, %f1, %f8;
        	sub.rz.f32	%f10, %f9, %f1;
        	add.rn.f64	%fd3, %fd2, %fd2;
        	fma.rn.f32	%f11, %f1, %f2, %f3;
        	div.rn.f32	%f12, %f1, %f2;
        	@%p3 bra	L_1;
        """;

    [Fact]
    public void Unrounded_float_arithmetic_gets_round_to_nearest_and_nothing_else_changes()
    {
        Assert.True(PtxRounding.MayContract(IlgpuPtx));
        string rounded = PtxRounding.RoundToNearest(IlgpuPtx);
        Assert.Equal(Rounded, rounded);
        Assert.False(PtxRounding.MayContract(rounded));
        Assert.Equal(rounded, PtxRounding.RoundToNearest(rounded));
    }

    [Theory]
    [InlineData("\tadd.f32\t%f1, %f2, %f3;", true)]
    [InlineData("\tmul.sat.f32 %f1, %f2, %f3;", true)]
    [InlineData("\tsub.f64\t%fd1, %fd2, %fd3;", true)]
    [InlineData("\tadd.rn.f32\t%f1, %f2, %f3;", false)]
    [InlineData("\tmul.rm.f64\t%fd1, %fd2, %fd3;", false)]
    [InlineData("\tadd.s32\t%r1, %r2, %r3;", false)]
    [InlineData("\tmul.wide.u32\t%rd1, %r2, 4;", false)]
    [InlineData("// add.f32 in a comment", false)]
    public void Only_float_add_sub_and_mul_without_a_rounding_modifier_may_contract(string line, bool mayContract) =>
        Assert.Equal(mayContract, PtxRounding.MayContract(line));
}
