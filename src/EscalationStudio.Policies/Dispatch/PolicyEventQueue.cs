using System.Threading.Channels;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>The events of one ticket commit, with the ticket as that commit left it (so the dispatcher need not read it back).</summary>
public sealed record CommittedTicketEvents(Ticket Ticket, IReadOnlyList<TicketEvent> Events);

/// <summary>
/// Hears committed ticket events and queues them for the dispatcher, so the request that changed the ticket never
/// waits for policies to run. Policies changing tickets in turn queue more events here, processed in order.
/// </summary>
public sealed class PolicyEventQueue : ITicketEventObserver
{
    private readonly Channel<CommittedTicketEvents> _channel = Channel.CreateUnbounded<CommittedTicketEvents>(
        new UnboundedChannelOptions { SingleReader = true });

    private int _pending;
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        lock (_channel)
        {
            if (_pending++ == 0)
            {
                _idle = NewIdleSignal(completed: false);
            }
        }

        return _channel.Writer.WriteAsync(new CommittedTicketEvents(ticket, events), cancellationToken);
    }

    /// <summary>Completes once every queued commit, including commits queued meanwhile, has been dispatched.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_channel)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    internal ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>
    /// Takes the queued commits in commit order, whole, until about <paramref name="maxEvents"/> events are taken;
    /// empty when nothing is queued. Each taken commit must be handed to <see cref="MarkDispatched"/>.
    /// </summary>
    internal IReadOnlyList<CommittedTicketEvents> Take(int maxEvents)
    {
        var batch = new List<CommittedTicketEvents>();
        var events = 0;
        while (events < maxEvents && _channel.Reader.TryRead(out var commit))
        {
            batch.Add(commit);
            events += commit.Events.Count;
        }

        return batch;
    }

    internal void MarkDispatched(int commits)
    {
        lock (_channel)
        {
            _pending -= commits;
            if (_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewIdleSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }
}
