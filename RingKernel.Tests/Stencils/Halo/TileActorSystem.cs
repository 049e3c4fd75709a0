using Akka.Actor;
using Akka.Configuration;

namespace RingKernel.Tests.Stencils.Halo;

/// <summary>One actor system per test class for the tiled engine's tile actors; terminated (which stops any tile actor left) after the class.</summary>
public sealed class TileActorSystem : IDisposable
{
    public ActorSystem System { get; } = ActorSystem.Create("tiles", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(30));
}
