using System.Threading.Channels;

namespace RingKernel.Benchmarks.Compare.Actors;

/// <summary>
/// The baseline "actor": one unbounded <see cref="Channel{T}"/> per actor as its mailbox and one async
/// loop draining it on the thread pool, the plainest actor one can build on the BCL. Messages carry
/// their sender like ours; a handler that throws reports to the supervisor and waits for its decision.
/// </summary>
internal abstract class ChannelActor
{
    private readonly Channel<(object Message, ChannelActor? Sender)> _mailbox =
        Channel.CreateUnbounded<(object, ChannelActor?)>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private Task? _loop;

    public void Start() => _loop = Task.Run(RunAsync);

    public void Tell(object message, ChannelActor? sender) => _mailbox.Writer.TryWrite((message, sender));

    public Task StopAsync()
    {
        _mailbox.Writer.TryComplete();
        return _loop ?? Task.CompletedTask;
    }

    protected abstract void Handle(object message, ChannelActor? sender);

    /// <summary>Called when <see cref="Handle"/> throws; the loop resumes with the next message once the returned task completes.</summary>
    protected virtual Task OnFailureAsync(Exception cause) => Task.CompletedTask;

    private async Task RunAsync()
    {
        ChannelReader<(object Message, ChannelActor? Sender)> reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out (object Message, ChannelActor? Sender) item))
            {
                try
                {
                    Handle(item.Message, item.Sender);
                }
                catch (Exception e)
                {
                    await OnFailureAsync(e).ConfigureAwait(false);
                }
            }
        }
    }
}
