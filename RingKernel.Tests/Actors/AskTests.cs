using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.TestKit;
using Xunit;

namespace RingKernel.Tests.Actors;

public sealed class AskTests : RingKernel.TestKit.TestKit
{
    private readonly ManualTimeProvider _time;

    public AskTests()
        : this(new ManualTimeProvider())
    {
    }

    private AskTests(ManualTimeProvider time)
        : base(new ActorSystemSettings { TimeProvider = time, StandardOutLogLevel = ActorLogLevel.Off })
    {
        _time = time;
    }

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<int>(i => Sender.Tell(i + 1, Self));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused")), Self));
            Receive<string>(s => s == "twice", _ =>
            {
                Sender.Tell(1, Self);
                Sender.Tell(2, Self);
            });
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell("text", Self));
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        Assert.Equal(42, await responder.Ask<int>(41));
        Assert.Equal(8, await responder.Ask(7));
    }

    [Fact]
    public async Task Ask_times_out_exactly_when_the_clock_reaches_the_timeout()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        Task<int> answer = responder.Ask<int>("silent", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.False(answer.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));
        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => answer);
        Assert.Contains(responder.Path.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_releases_the_timeout_timer()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        Assert.Equal(2, await responder.Ask<int>(1, TimeSpan.FromSeconds(5)));
        Assert.Equal(0, _time.ArmedTimerCount);
    }

    [Fact]
    public async Task Ask_is_cancelled_by_its_token()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        using var cts = new CancellationTokenSource();
        Task<int> answer = responder.Ask<int>("silent", TimeSpan.FromSeconds(5), cts.Token);
        Assert.False(answer.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
        Assert.True(answer.IsCanceled);
        Assert.Equal(0, _time.ArmedTimerCount);
        Assert.True(responder.Ask<int>(1, null, cts.Token).IsCanceled);
    }

    [Fact]
    public async Task A_Status_Failure_reply_fails_the_Ask_with_its_cause()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => responder.Ask<int>("fail"));
        Assert.Equal("refused", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_fails_with_InvalidCastException()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => responder.Ask<int>("text"));
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_a_stopped_actor_fails_at_once()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        Watch(responder);
        Sys.Stop(responder);
        ExpectTerminated(responder);
        await Assert.ThrowsAsync<AskTimeoutException>(() => responder.Ask<int>(1));
    }

    [Fact]
    public async Task A_second_reply_goes_to_dead_letters()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        await EventFilter.DeadLetter<int>(i => i == 2).ExpectOneAsync(async () => Assert.Equal(1, await responder.Ask<int>("twice")));
    }

    [Fact]
    public async Task The_system_default_timeout_applies_when_none_is_given()
    {
        await using ActorSystem system = ActorSystem.Create("asks", new ActorSystemSettings
        {
            TimeProvider = _time,
            AskTimeout = TimeSpan.FromSeconds(2),
            StandardOutLogLevel = ActorLogLevel.Off,
        });
        IActorRef responder = system.ActorOf(Props.Create<Responder>());
        Task<int> answer = responder.Ask<int>("silent");
        _time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<AskTimeoutException>(() => answer);
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = responder.Ask<int>(1, TimeSpan.Zero); });
    }

    [Fact]
    public async Task Many_concurrent_asks_each_get_their_own_reply()
    {
        IActorRef responder = ActorOf(Props.Create<Responder>());
        int[] answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => responder.Ask<int>(i)));
        Assert.Equal(Enumerable.Range(1, 1000), answers);
    }
}
