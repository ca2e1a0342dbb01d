using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Tests.Sla;

public sealed class SlaHistoryCacheTests
{
    private static readonly BusinessClock AllDay = BusinessClock.AroundTheClock();

    private static readonly SlaTarget[] Targets =
    [
        SlaTarget.Of(SlaMetric.FirstResponse, TimeSpan.FromHours(2), 50),
        SlaTarget.Of(SlaMetric.NextResponse, TimeSpan.FromHours(1), 50),
        SlaTarget.Of(SlaMetric.Resolution, TimeSpan.FromHours(8), 50, 75),
    ];

    private static DateTimeOffset At(int hour, int minute = 0) => new(2026, 3, 2, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_check_reads_only_the_events_since_the_last_and_answers_as_reading_the_whole_timeline_would()
    {
        // Many conversations of random length and order, checked after every event as the SLA timer is resumed.
        var random = new Random(20261206);
        for (var conversation = 0; conversation < 200; conversation++)
        {
            var history = new TicketHistory().Created(At(8));
            var desk = new TimelineDesk(history);
            var cache = new SlaHistoryCache();
            var now = At(8);
            for (var step = 0; step < 30; step++)
            {
                now = now.AddMinutes(random.Next(0, 50));
                switch (random.Next(6))
                {
                    case 0: history.CustomerWrote(now); break;
                    case 1: history.AgentReplied(now); break;
                    case 2: history.InternalNote(now); break;
                    default: history.Status(now, (TicketStatus)random.Next(Enum.GetValues<TicketStatus>().Length)); break;
                }

                var kept = await cache.ReadAsync(desk, desk.TicketId, history.Events.Count, now);
                foreach (var target in Targets)
                {
                    Assert.Equal(Summary(SlaClock.Evaluate(target, AllDay, history.Events, now)), Summary(SlaClock.Evaluate(target, AllDay, kept, now)));
                }
            }

            Assert.Equal(1, desk.WholeTimelineReads);
            Assert.Equal(history.Events.Count, desk.EventsRead);
        }
    }

    [Fact]
    public async Task A_check_at_the_version_already_read_asks_the_desk_nothing()
    {
        var history = new TicketHistory().Created(At(9)).CustomerWrote(At(9, 10));
        var desk = new TimelineDesk(history);
        var cache = new SlaHistoryCache();
        await cache.ReadAsync(desk, desk.TicketId, 2, At(10));

        var again = await cache.ReadAsync(desk, desk.TicketId, 2, At(11));

        Assert.Equal(2, again.ThroughSequence);
        Assert.Equal((1, 0), (desk.WholeTimelineReads, desk.LaterReads));
    }

    [Fact]
    public async Task An_event_stamped_after_the_check_counts_at_its_time_and_is_not_skipped_for_good()
    {
        // A replayed desk can hold an event its clock has not reached yet.
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(12));
        var desk = new TimelineDesk(history);
        var cache = new SlaHistoryCache();
        var firstResponse = Targets[0];

        var before = SlaClock.Evaluate(firstResponse, AllDay, await cache.ReadAsync(desk, desk.TicketId, 2, At(10)), At(10));
        var after = SlaClock.Evaluate(firstResponse, AllDay, await cache.ReadAsync(desk, desk.TicketId, 2, At(13)), At(13));

        Assert.Equal(SlaPhase.Running, before.Phase);
        Assert.Equal(SlaPhase.Missed, after.Phase);
        Assert.Equal(TimeSpan.FromHours(3), after.Elapsed);
    }

    [Fact]
    public async Task A_check_at_an_earlier_instant_than_the_facts_kept_reads_them_afresh()
    {
        var history = new TicketHistory().Created(At(9)).AgentReplied(At(12));
        var desk = new TimelineDesk(history);
        var cache = new SlaHistoryCache();
        await cache.ReadAsync(desk, desk.TicketId, 2, At(13));

        var earlier = await cache.ReadAsync(desk, desk.TicketId, 2, At(10));

        Assert.Equal(SlaPhase.Running, SlaClock.Evaluate(Targets[0], AllDay, earlier, At(10)).Phase);
        Assert.Equal(2, desk.WholeTimelineReads);
    }

    private static object Summary(SlaState state) =>
        (state.Phase, state.StartedAt, state.Elapsed, state.DueAt, state.BreachedAt,
            string.Join(",", state.Warnings.Select(w => $"{w.Percent}:{w.At:O}:{w.Reached}")));

    /// <summary>A desk that holds one ticket's timeline and counts what is read of it.</summary>
    private sealed class TimelineDesk(TicketHistory history) : ITicketDesk
    {
        public Guid TicketId => history.Events[0].TicketId;

        public int WholeTimelineReads { get; private set; }

        public int LaterReads { get; private set; }

        public int EventsRead { get; private set; }

        public Task<IReadOnlyList<TicketEvent>> GetTimelineAsync(Guid ticketId, CancellationToken cancellationToken = default)
        {
            WholeTimelineReads++;
            return Read(history.Events);
        }

        public Task<IReadOnlyList<TicketEvent>> GetTimelineAfterAsync(Guid ticketId, int afterSequence, CancellationToken cancellationToken = default)
        {
            LaterReads++;
            return Read(history.Events.Where(e => e.Sequence > afterSequence));
        }

        private Task<IReadOnlyList<TicketEvent>> Read(IEnumerable<TicketEvent> events)
        {
            IReadOnlyList<TicketEvent> read = [.. events];
            EventsRead += read.Count;
            return Task.FromResult(read);
        }

        public Task<Ticket> CreateAsync(NewTicket ticket, Actor by, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Ticket?> FindAsync(Guid ticketId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<TicketEvent> ReadEventsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<Guid>> ListActiveTicketIdsAsync(DateTimeOffset createdBy, Guid? after, int take, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByOwnerAsync(CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Ticket> ApplyAsync(Guid ticketId, TicketChange change, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
