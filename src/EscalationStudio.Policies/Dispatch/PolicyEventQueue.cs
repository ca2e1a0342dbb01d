using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Timers;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>The events of one ticket commit, with the ticket as that commit left it (so the dispatcher need not read it back).</summary>
internal sealed record CommittedTicketEvents(Ticket Ticket, IReadOnlyList<TicketEvent> Events);

/// <summary>
/// Hears committed ticket events and queues them for the dispatcher, so the request that changed the ticket never
/// waits for policies to run. Policies changing tickets in turn queue more events here, processed in order.
/// </summary>
/// <remarks>
/// The queue is the fast path only: every committed event is also in the database's outbox
/// (<see cref="ITicketEventOutbox"/>) until the dispatcher has handled it. So the queue may stop taking commits, and
/// does: while the dispatcher catches up from the outbox (after a start, or when the queue was full), commits are left
/// to the outbox, which keeps each ticket's events in order. A full queue also tells the API to ask callers to retry
/// later (<see cref="IsSaturated"/>) rather than let the backlog grow without limit.
/// </remarks>
public sealed class PolicyEventQueue : ITicketEventObserver, IDisposable
{
    private readonly Channel<CommittedTicketEvents> _channel = Channel.CreateUnbounded<CommittedTicketEvents>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly object _gate = new();
    private readonly Meter? _ownMeter;
    private readonly Counter<long> _dispatchedEvents;
    private readonly int _capacity;
    private readonly bool _durable;
    private int _pending;
    private bool _leftToOutbox;
    private bool _catchingUp;
    private bool _overflowed;
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);

    /// <param name="outbox">
    /// Where committed events wait besides this queue. Without one (the sandbox, tests of the policies alone) the queue
    /// is all there is, so it never leaves a commit out: it is unbounded and never catches up.
    /// </param>
    public PolicyEventQueue(IOptions<PolicyDispatchOptions>? options = null, IMeterFactory? meters = null, ITicketEventOutbox? outbox = null)
    {
        _capacity = outbox is null ? int.MaxValue : (options?.Value ?? new PolicyDispatchOptions()).QueueCapacity;
        _durable = outbox is not null;
        var meter = meters?.Create(TimerLag.MeterName) ?? (_ownMeter = new Meter(TimerLag.MeterName));
        meter.CreateObservableGauge("escalation.dispatch.queue_depth", () => Depth, unit: "{commit}",
            description: "Committed ticket changes waiting for the policy dispatcher in memory.");
        _dispatchedEvents = meter.CreateCounter<long>("escalation.dispatch.events", unit: "{event}",
            description: "Ticket events the policy dispatcher has offered to the policies (from the queue or the outbox).");
    }

    /// <summary>Commits waiting in memory.</summary>
    public int Depth => Volatile.Read(ref _pending);

    /// <summary>The queue filled up and the dispatcher has not caught up yet: new ticket changes should wait.</summary>
    public bool IsSaturated => Volatile.Read(ref _overflowed);

    /// <summary>Whether commits are left to the outbox for a catch-up to pick up.</summary>
    public bool NeedsCatchUp
    {
        get
        {
            lock (_gate)
            {
                return _catchingUp;
            }
        }
    }

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_leftToOutbox && _pending >= _capacity)
            {
                // Dropping one commit and queueing the next of the same ticket would reorder its events; from here on
                // every commit waits in the outbox until the dispatcher has caught up.
                _leftToOutbox = _catchingUp = _overflowed = true;
                _idle = NewIdleSignal(completed: false);
            }

            if (_leftToOutbox)
            {
                return ValueTask.CompletedTask;
            }

            if (_pending++ == 0 && !_catchingUp)
            {
                _idle = NewIdleSignal(completed: false);
            }

            _channel.Writer.TryWrite(new CommittedTicketEvents(ticket, events));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Leaves new commits to the outbox until <see cref="CompleteCatchUp"/>: the dispatcher reads them from there.</summary>
    public void BeginCatchUp()
    {
        if (!_durable)
        {
            return;
        }

        lock (_gate)
        {
            if (!_catchingUp)
            {
                _idle = NewIdleSignal(completed: false);
            }

            _leftToOutbox = _catchingUp = true;
        }

        _channel.Writer.TryWrite(Wake);
    }

    /// <summary>Queues commits again; the dispatcher's last pass over the outbox picks up those left there meanwhile.</summary>
    internal void QueueAgain()
    {
        lock (_gate)
        {
            _leftToOutbox = false;
        }
    }

    /// <summary>The outbox has been read through: the queue is idle again once what is queued is dispatched.</summary>
    internal void CompleteCatchUp()
    {
        lock (_gate)
        {
            _catchingUp = _overflowed = false;
            if (_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>Completes once every queued commit, including commits queued meanwhile, has been dispatched, and no catch-up is due.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
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
            if (ReferenceEquals(commit, Wake))
            {
                continue;
            }

            batch.Add(commit);
            events += commit.Events.Count;
        }

        return batch;
    }

    /// <summary>Counts events offered to the policies, for operators.</summary>
    internal void CountDispatchedEvents(int events) => _dispatchedEvents.Add(events);

    internal void MarkDispatched(int commits)
    {
        lock (_gate)
        {
            _pending -= commits;
            if (_pending == 0 && !_catchingUp)
            {
                _idle.TrySetResult();
            }
        }
    }

    public void Dispose() => _ownMeter?.Dispose();

    // Written to wake the dispatcher for a catch-up; never dispatched.
    private static readonly CommittedTicketEvents Wake = new(null!, []);

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
