using RingKernel.K2K;
using RingKernel.Kernels;
using RingKernel.Stencils;

namespace RingKernel.Tests.K2K;

public class K2KDirectionTests
{
    [Fact]
    public void Face_codes_are_the_tile_face_codes_with_the_same_steps()
    {
        foreach (TileFace face in Enum.GetValues<TileFace>())
        {
            K2KDirection direction = face.ToDirection();
            Assert.Equal((int)face, (int)direction);
            Assert.Equal(face.ToString(), direction.ToString());
            Assert.Equal(face.Offset(), direction.Offset());
            Assert.Equal(face.Opposite().ToDirection(), direction.Opposite());
        }
    }

    [Fact]
    public void The_26_codes_are_the_26_distinct_unit_steps_and_opposites_negate_them()
    {
        var steps = new HashSet<Index3>();
        for (int code = 0; code < K2KDirections.Count; code++)
        {
            var direction = (K2KDirection)code;
            Index3 step = direction.Offset();
            Assert.True(steps.Add(step));
            Assert.InRange(Math.Abs(step.X) + Math.Abs(step.Y) + Math.Abs(step.Z), 1, 3);
            Assert.Equal(direction, K2KDirections.FromOffset(step));
            Assert.Equal(new Index3(-step.X, -step.Y, -step.Z), direction.Opposite().Offset());
            Assert.Equal(direction, direction.Opposite().Opposite());

            // The name spells the step: "XPlusYMinus" is (1, -1, 0).
            string expectedName = Axis("X", step.X) + Axis("Y", step.Y) + Axis("Z", step.Z);
            Assert.Equal(expectedName, direction.ToString());
        }

        Assert.Equal(26, steps.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => K2KDirections.FromOffset(new Index3(0, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((K2KDirection)26).Offset());

        static string Axis(string name, int step) => step switch { -1 => name + "Minus", 1 => name + "Plus", _ => "" };
    }

    [Fact]
    public void Neighbourhoods_hold_the_in_plane_or_all_steps()
    {
        Assert.Equal(4, K2KDirections.Of(K2KNeighbourhood.VonNeumann, is3D: false).Count);
        Assert.Equal(6, K2KDirections.Of(K2KNeighbourhood.VonNeumann, is3D: true).Count);
        Assert.Equal(26, K2KDirections.Of(K2KNeighbourhood.Moore, is3D: true).Count);
        IReadOnlyList<K2KDirection> moore2D = K2KDirections.Of(K2KNeighbourhood.Moore, is3D: false);
        Assert.Equal(8, moore2D.Count);
        Assert.All(moore2D, d => Assert.Equal(0, d.Offset().Z));
        Assert.All(K2KDirections.VonNeumann3D, d => Assert.Equal(1, Math.Abs(d.Offset().X) + Math.Abs(d.Offset().Y) + Math.Abs(d.Offset().Z)));
    }
}
