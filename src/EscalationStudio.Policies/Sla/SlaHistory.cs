using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Sla;

/// <summary>A stretch of time a metric measures; <see cref="End"/> is null while it is still being measured.</summary>
internal readonly record struct MeasuredPeriod(DateTimeOffset Start, DateTimeOffset? End);

/// <summary>
/// The facts of a ticket's events that SLA clocks care about: when it was created, when customers wrote, when agents
/// answered in public, and which status it had when. Never changed once built: <see cref="With"/> answers a new
/// history, so one kept for later checks (<see cref="SlaHistoryCache"/>) is safe to share.
/// </summary>
internal sealed class SlaHistory
{
    private readonly List<(DateTimeOffset At, TicketStatus Status)> _statuses;
    private readonly List<(DateTimeOffset At, bool FromCustomer)> _messages;

    private SlaHistory(SlaHistory? earlier)
    {
        _statuses = earlier is null ? [] : [.. earlier._statuses];
        _messages = earlier is null ? [] : [.. earlier._messages];
        CreatedAt = earlier?.CreatedAt;
        ThroughSequence = earlier?.ThroughSequence ?? 0;
        LatestAt = earlier?.LatestAt;
    }

    public static SlaHistory Empty { get; } = new(earlier: null);

    public DateTimeOffset? CreatedAt { get; private set; }

    /// <summary>The sequence of the latest event read: the events after it are all a later check needs to read.</summary>
    public int ThroughSequence { get; private set; }

    /// <summary>When the latest event read happened; a check at an earlier instant cannot use this history.</summary>
    public DateTimeOffset? LatestAt { get; private set; }

    public TicketStatus CurrentStatus => _statuses.Count == 0 ? TicketStatus.New : _statuses[^1].Status;

    /// <summary>Only events that happened by <paramref name="now"/> count, so a replay sees exactly what the live run saw.</summary>
    public static SlaHistory Read(IEnumerable<TicketEvent> events, DateTimeOffset now) =>
        Empty.With(events.Where(e => e.OccurredAt <= now));

    /// <summary>This history and the ticket's <paramref name="later"/> events, read in sequence order.</summary>
    public SlaHistory With(IEnumerable<TicketEvent> later)
    {
        var history = new SlaHistory(this);
        foreach (var ticketEvent in later.OrderBy(e => e.Sequence))
        {
            history.Add(ticketEvent);
        }

        return history;
    }

    private void Add(TicketEvent ticketEvent)
    {
        ThroughSequence = Math.Max(ThroughSequence, ticketEvent.Sequence);
        LatestAt = LatestAt is { } latest && latest > ticketEvent.OccurredAt ? latest : ticketEvent.OccurredAt;
        switch (ticketEvent.Type)
        {
            case TicketEventType.Created:
                CreatedAt ??= ticketEvent.OccurredAt;
                break;
            case TicketEventType.StatusChanged when TicketText.TryParse<TicketStatus>(ticketEvent[TicketEventData.To], out var to):
                _statuses.Add((ticketEvent.OccurredAt, to));
                break;
            case TicketEventType.MessageAdded when TicketText.TryParse<MessageKind>(ticketEvent[TicketEventData.MessageKind], out var kind)
                                                   && kind != MessageKind.InternalNote:
                _messages.Add((ticketEvent.OccurredAt, kind == MessageKind.Customer));
                break;
        }
    }

    public IReadOnlyList<MeasuredPeriod> PeriodsOf(SlaMetric metric) => metric switch
    {
        SlaMetric.FirstResponse => FirstResponsePeriod(),
        SlaMetric.NextResponse => CurrentNextResponseCycle(),
        _ => OpenPeriods(),
    };

    /// <summary>Intervals spent in one of <paramref name="statuses"/>; one still going is closed at <paramref name="now"/>.</summary>
    public IReadOnlyList<ClockPause> PausesWhile(IReadOnlySet<TicketStatus> statuses, DateTimeOffset now)
    {
        var pauses = new List<ClockPause>();
        DateTimeOffset? pausedSince = null;
        foreach (var (at, status) in _statuses)
        {
            if (statuses.Contains(status))
            {
                pausedSince ??= at;
            }
            else if (pausedSince is { } since)
            {
                pauses.Add(new ClockPause(since, at));
                pausedSince = null;
            }
        }

        if (pausedSince is { } stillPaused)
        {
            pauses.Add(new ClockPause(stillPaused, now));
        }

        return pauses;
    }

    private static bool IsDone(TicketStatus status) => status is TicketStatus.Solved or TicketStatus.Closed;

    private MeasuredPeriod[] FirstResponsePeriod()
    {
        if (CreatedAt is not { } created)
        {
            return [];
        }

        DateTimeOffset? firstReply = _messages.Where(m => !m.FromCustomer).Select(m => (DateTimeOffset?)m.At).FirstOrDefault();
        DateTimeOffset? firstDone = _statuses.Where(s => IsDone(s.Status)).Select(s => (DateTimeOffset?)s.At).FirstOrDefault();
        DateTimeOffset? end = firstReply is null ? firstDone : firstDone is null ? firstReply : Min(firstReply.Value, firstDone.Value);
        return [new MeasuredPeriod(created, end)];
    }

    /// <summary>The cycle waiting for an answer now, or else the last one answered; none before the first reply.</summary>
    private MeasuredPeriod[] CurrentNextResponseCycle()
    {
        var answeredOnce = false;
        DateTimeOffset? waitingSince = null;
        MeasuredPeriod? last = null;
        foreach (var (at, isCustomer, isDone) in Timeline())
        {
            if (isCustomer)
            {
                if (answeredOnce)
                {
                    waitingSince ??= at;
                }

                continue;
            }

            // An agent's public reply answers the waiting customer; solving the ticket ends the wait as well.
            if (waitingSince is { } since)
            {
                last = new MeasuredPeriod(since, at);
                waitingSince = null;
            }

            answeredOnce |= !isDone;
        }

        if (waitingSince is { } open)
        {
            return [new MeasuredPeriod(open, null)];
        }

        return last is { } answered ? [answered] : [];
    }

    /// <summary>Messages and "done" moments merged in time order; a message has isDone false.</summary>
    private IEnumerable<(DateTimeOffset At, bool IsCustomer, bool IsDone)> Timeline() =>
        _messages.Select(m => (m.At, m.FromCustomer, false))
            .Concat(_statuses.Where(s => IsDone(s.Status)).Select(s => (s.At, false, true)))
            .OrderBy(x => x.Item1);

    private List<MeasuredPeriod> OpenPeriods()
    {
        var periods = new List<MeasuredPeriod>();
        if (CreatedAt is not { } created)
        {
            return periods;
        }

        DateTimeOffset? openSince = created;
        foreach (var (at, status) in _statuses)
        {
            if (IsDone(status) && openSince is { } since)
            {
                periods.Add(new MeasuredPeriod(since, at));
                openSince = null;
            }
            else if (!IsDone(status) && openSince is null)
            {
                openSince = at;
            }
        }

        if (openSince is { } stillOpen)
        {
            periods.Add(new MeasuredPeriod(stillOpen, null));
        }

        return periods;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
