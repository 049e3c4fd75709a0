using System.Globalization;
using RingKernel.Actors;

namespace RingKernel.TestKit;

/// <summary>
/// An extra test actor with its own expectations, for tests that need several distinguishable
/// receivers. Pass <see cref="Ref"/> to the actors under test.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    private static long s_probeNumber;

    public TestProbe(ActorSystem system, string? name = null)
        : base(system, name ?? "testProbe-" + Interlocked.Increment(ref s_probeNumber).ToString(CultureInfo.InvariantCulture))
    {
    }

    /// <summary>The probe's actor.</summary>
    public IActorRef Ref => TestActor;

    public override string ToString() => $"TestProbe({Ref.Path})";
}
