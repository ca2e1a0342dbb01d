using System.Threading.Channels;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Hears committed ticket events and queues them for the dispatcher, so the request that changed the ticket never
/// waits for policies to run. Policies changing tickets in turn queue more events here, processed in order.
/// </summary>
public sealed class PolicyEventQueue : ITicketEventObserver
{
    private readonly Channel<IReadOnlyList<TicketEvent>> _channel = Channel.CreateUnbounded<IReadOnlyList<TicketEvent>>(
        new UnboundedChannelOptions { SingleReader = true });

    private int _pending;
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);

    public ChannelReader<IReadOnlyList<TicketEvent>> Reader => _channel.Reader;

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        lock (_channel)
        {
            if (_pending++ == 0)
            {
                _idle = NewIdleSignal(completed: false);
            }
        }

        return _channel.Writer.WriteAsync(events, cancellationToken);
    }

    /// <summary>Completes once every queued batch, including batches queued meanwhile, has been dispatched.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_channel)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    internal void MarkDispatched()
    {
        lock (_channel)
        {
            if (--_pending == 0)
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
