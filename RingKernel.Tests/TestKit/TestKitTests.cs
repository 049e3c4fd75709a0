using RingKernel.Actors;
using RingKernel.Actors.Events;
using RingKernel.TestKit;
using Xunit;
using Xunit.Sdk;

namespace RingKernel.Tests.TestKit;

/// <summary>The TestKit's expectations pass on the right messages and fail with messages that say what was expected and what arrived.</summary>
public sealed class TestKitTests : RingKernel.TestKit.TestKit
{
    // For expectations that must wait out their whole time; those that a message will end early use the default.
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    private sealed class Thrower : ReceiveActor
    {
        public Thrower() => Receive<string>(s => throw new InvalidOperationException(s));
    }

    [Fact]
    public void Tell_from_the_test_has_the_test_actor_as_sender()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        echo.Tell("ping");
        ExpectMsg("ping");
        Assert.Equal(echo, LastSender);
        Reply("pong");
        ExpectMsg("pong");
    }

    [Fact]
    public void ExpectMsg_of_the_wrong_type_says_what_was_expected_and_what_arrived()
    {
        TestActor.Tell("text");
        var failure = Assert.Throws<XunitException>(() => ExpectMsg<int>());
        Assert.Contains("expected a message of type Int32", failure.Message, StringComparison.Ordinal);
        Assert.Contains("String \"text\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_with_a_failing_predicate_names_the_message()
    {
        TestActor.Tell(7);
        var failure = Assert.Throws<XunitException>(() => ExpectMsg<int>(i => i > 10, hint: "big numbers"));
        Assert.Contains("matching the predicate (big numbers)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Int32 7", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_of_a_value_compares_by_equality()
    {
        TestActor.Tell("b");
        var failure = Assert.Throws<XunitException>(() => ExpectMsg("a"));
        Assert.Contains("expected String \"a\", but got String \"b\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_timeout_says_nothing_arrived()
    {
        var failure = Assert.Throws<XunitException>(() => ExpectMsg<string>(Short));
        Assert.Contains("timeout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("nothing arrived", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        ExpectNoMsg(Short);
        TestActor.Tell("surprise");
        var failure = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(10)));
        Assert.Contains("String \"surprise\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_and_lists_missing_and_unexpected()
    {
        TestActor.Tell(3);
        TestActor.Tell(1);
        TestActor.Tell(2);
        Assert.Equal([3, 1, 2], ExpectMsgAllOf(1, 2, 3));

        TestActor.Tell(1);
        TestActor.Tell(9);
        var failure = Assert.Throws<XunitException>(() => ExpectMsgAllOf(TimeSpan.FromSeconds(10), 1, 2));
        Assert.Contains("missing [Int32 2]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected [Int32 9]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FishForMessage_skips_until_a_match_and_lists_what_it_skipped_on_failure()
    {
        foreach (int i in new[] { 1, 2, 3, 4 })
            TestActor.Tell(i);
        Assert.Equal(3, FishForMessage<int>(i => i == 3));
        ExpectMsg(4);

        TestActor.Tell("x");
        AwaitCondition(() => MessageCount == 1);
        var failure = Assert.Throws<XunitException>(() => FishForMessage<int>(_ => true, Short));
        Assert.Contains("skipped [String \"x\"]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_bounds_the_expectations_inside_it()
    {
        var failure = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>()));
        Assert.Contains("timeout", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("00:00:03", failure.Message, StringComparison.Ordinal);

        TestActor.Tell("in time");
        Assert.Equal("in time", Within(TimeSpan.FromSeconds(5), () => ExpectMsg<string>()));
    }

    [Fact]
    public void Within_fails_a_block_that_ends_before_its_minimum()
    {
        var failure = Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), () => { }));
        Assert.Contains("less than the minimum", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_passes_and_otherwise_rethrows_the_last_failure()
    {
        int attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1));
        Assert.Equal(3, attempts);

        Assert.Throws<FailException>(() => AwaitAssert(() => Assert.Fail("never"), Short));
    }

    [Fact]
    public void AwaitCondition_fails_with_its_hint()
    {
        var failure = Assert.Throws<XunitException>(() => AwaitCondition(() => false, Short, "the light turns green"));
        Assert.Contains("the light turns green", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectTerminated_sees_a_watched_actor_stop()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        Assert.Equal(echo, ExpectTerminated(echo).ActorRef);
    }

    [Fact]
    public async Task Async_expectations_work_without_blocking()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        echo.Tell(5);
        Assert.Equal(5, await ExpectMsgAsync<int>());
        await ExpectNoMsgAsync(Short);
        echo.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(echo);
    }

    [Fact]
    public void Probes_receive_independently_of_the_test_actor()
    {
        TestProbe probe = CreateTestProbe();
        IActorRef echo = ActorOf(Props.Create<Echo>());
        probe.Send(echo, "for the probe");
        echo.Tell("for the test");
        probe.ExpectMsg("for the probe");
        ExpectMsg("for the test");
        probe.ExpectNoMsg(Short);
    }

    [Fact]
    public void EventFilter_counts_exceptions_raised_in_actors()
    {
        IActorRef thrower = ActorOf(Props.Create<Thrower>());
        EventFilter.Exception<InvalidOperationException>("first").ExpectOne(() => thrower.Tell("first"));
        EventFilter.Exception<InvalidOperationException>().Expect(2, () =>
        {
            thrower.Tell("a");
            thrower.Tell("b");
        });
    }

    [Fact]
    public void EventFilter_fails_on_too_few_and_on_too_many_events()
    {
        IActorRef thrower = ActorOf(Props.Create<Thrower>());
        var tooFew = Assert.Throws<XunitException>(() => EventFilter.Exception<InvalidOperationException>().Expect(2, () => thrower.Tell("one"), Short));
        Assert.Contains("expected 2 × an exception of type InvalidOperationException", tooFew.Message, StringComparison.Ordinal);

        var tooMany = Assert.Throws<XunitException>(() => EventFilter.DeadLetter<int>().Expect(1, () =>
        {
            Sys.DeadLetters.Tell(1);
            Sys.DeadLetters.Tell(2);
        }));
        Assert.Contains("but got 2", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EventFilter_sees_dead_letters_with_their_content()
    {
        IActorRef echo = ActorOf(Props.Create<Echo>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        var letters = EventFilter.DeadLetter<string>(s => s.StartsWith('x')).Expect(2, () =>
        {
            echo.Tell("x1");
            echo.Tell("y");
            echo.Tell("x2");
        });
        Assert.Equal(["x1", "x2"], letters.Cast<DeadLetter>().Select(d => d.Message));
    }

    [Fact]
    public void Shutdown_terminates_the_system()
    {
        Shutdown();
        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
    }
}
