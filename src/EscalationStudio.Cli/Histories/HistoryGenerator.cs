using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// A realistic, reproducible ticket history for examples, tests and the benchmark: tickets arrive mostly in business
/// hours on weekdays, with priorities, VIP customers, keyword cases (refunds, cancellations, legal threats), replies,
/// reassignments, escalations by hand and by policy, hand-backs, solves, CSAT and closes. Events come out in time
/// order while only the tickets in flight are held, so a history of any length streams in bounded memory.
/// </summary>
internal sealed class HistoryGenerator(OrgDirectory org, int seed = 20261205)
{
    private static readonly (string Subject, string Body, string? Topic)[] Cases =
    [
        ("How do I export invoices?", "Where can I find the invoice export in the new dashboard?", null),
        ("Password reset link expired", "The reset link says it expired, can you send a new one?", null),
        ("Sync stuck since yesterday", "Our calendar sync has not run since yesterday morning.", "technical"),
        ("API returns 500 on upload", "Uploads over 10 MB fail with a 500 error.", "technical"),
        ("Charged twice this month", "You charged my card twice, I want a refund of the second payment.", "refund"),
        ("Refund for unused seats", "We removed 5 seats in May, please refund them.", "refund"),
        ("I want to cancel my subscription", "Please cancel our plan at the end of the month.", "cancel"),
        ("Our lawyer will contact you", "This breach of contract is going to our lawyer.", "legal"),
        ("Let me speak to a manager", "This is the third time I ask. I want to speak to your manager.", "manager"),
        ("Invoice address wrong", "The invoice shows our old address.", "billing"),
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _tier1 = [.. org.AgentsIn("tier-1").Select(a => a.Id)];
    private readonly string[] _tier2 = [.. org.AgentsIn("tier-2").Select(a => a.Id)];

    /// <summary>The history of <paramref name="tickets"/> tickets arriving from <paramref name="start"/> over <paramref name="span"/>.</summary>
    public IEnumerable<HistoryEvent> Generate(int tickets, DateTimeOffset start, TimeSpan span)
    {
        var pending = new PriorityQueue<HistoryEvent, (DateTimeOffset, long)>();
        long order = 0;
        var arrivals = Arrivals(tickets, start, span).GetEnumerator();
        var number = 0;
        var next = arrivals.MoveNext() ? arrivals.Current : (DateTimeOffset?)null;
        while (next is not null || pending.Count > 0)
        {
            // Every ticket created before the earliest pending event is generated first, so events leave in time order.
            while (next is { } arrival && (pending.Count == 0 || (pending.TryPeek(out _, out var first) && arrival <= first.Item1)))
            {
                foreach (var entry in Ticket(++number, arrival))
                {
                    pending.Enqueue(entry, (entry.At, order++));
                }

                next = arrivals.MoveNext() ? arrivals.Current : null;
            }

            if (pending.TryDequeue(out var due, out _))
            {
                yield return due;
            }
        }
    }

    private IEnumerable<DateTimeOffset> Arrivals(int tickets, DateTimeOffset start, TimeSpan span)
    {
        var step = span / tickets;
        var at = start;
        for (var i = 0; i < tickets; i++)
        {
            // Four in five tickets arrive in office hours (07-17 UTC on weekdays); the rest whenever.
            at += step * (0.5 + _random.NextDouble());
            var candidate = at;
            if (_random.NextDouble() < 0.8)
            {
                while (candidate.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || candidate.Hour is < 7 or >= 17)
                {
                    candidate = candidate.AddHours(1);
                }
            }

            yield return candidate.AddSeconds(_random.Next(3600));
        }
    }

    private List<HistoryEvent> Ticket(int number, DateTimeOffset at)
    {
        var key = $"T-{number:D6}";
        var events = new List<HistoryEvent>();
        var customerNumber = _random.Next(1, 1 + Math.Max(100, number / 2));
        var vip = customerNumber % 20 == 0;
        var (subject, body, topic) = Cases[_random.Next(Cases.Length)];
        var priority = _random.NextDouble() switch { < 0.2 => "low", < 0.75 => "normal", < 0.93 => "high", _ => "urgent" };
        var customer = Actor.Customer(Guid.Empty);
        void Add(TicketEventType type, Actor by, TimeSpan after, params (string Key, string Value)[] data)
        {
            at += after;
            events.Add(new HistoryEvent(key, type, by, at, data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)));
        }

        Add(TicketEventType.Created, Actor.User("email-gateway"), TimeSpan.Zero,
            (TicketEventData.Subject, subject), (TicketEventData.Priority, priority), (TicketEventData.Channel, _random.NextDouble() < 0.6 ? "email" : "chat"),
            (TicketEventData.Tier, "tier-1"), (TicketEventData.Vip, vip ? "true" : "false"), (HistoryEvent.Description, body),
            (HistoryEvent.CustomerEmail, $"customer{customerNumber}@example.com"), (HistoryEvent.CustomerName, $"Customer {customerNumber}"),
            (HistoryEvent.LifetimeValue, (vip ? 20_000 + customerNumber : 300 + customerNumber % 900).ToString(CultureInfo.InvariantCulture)));
        Add(TicketEventType.MessageAdded, customer, TimeSpan.FromSeconds(5), (TicketEventData.MessageKind, "customer"), (TicketEventData.Body, body));
        var agent = Pick(_tier1);
        Add(TicketEventType.Reassigned, Actor.Agent(agent), Minutes(5, 240), (TicketEventData.ToOwner, agent));
        Add(TicketEventType.MessageAdded, Actor.Agent(agent), Minutes(2, 60), (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "Thanks, looking into it."));
        if (topic is "refund" or "cancel" or "legal")
        {
            // The live policy moved it (the replay recomputes this and never copies it).
            Add(TicketEventType.Escalated, Actor.Policy("retention-fast-lane"), TimeSpan.FromSeconds(1), (TicketEventData.From, "tier-1"), (TicketEventData.To, "retention"));
        }

        if (_random.NextDouble() < 0.1)
        {
            var colleague = Pick(_tier1);
            Add(TicketEventType.Reassigned, Actor.Agent(agent), Minutes(30, 600), (TicketEventData.ToOwner, colleague), (TicketEventData.Note, "shift change"));
            agent = colleague;
        }

        var solver = agent;
        if (topic == "technical" || vip || _random.NextDouble() < 0.08)
        {
            if (_random.NextDouble() < 0.3)
            {
                Add(TicketEventType.EscalationRequested, Actor.Agent(agent), Minutes(20, 300), (TicketEventData.Reason, "needs a specialist"));
            }

            var specialist = Pick(_tier2);
            Add(TicketEventType.Escalated, Actor.Agent(agent), Minutes(10, 480), (TicketEventData.From, "tier-1"), (TicketEventData.To, "tier-2"),
                (TicketEventData.ToOwner, specialist), (TicketEventData.Reason, "reproduced, needs tier 2"));
            Add(TicketEventType.MessageAdded, Actor.Agent(specialist), Minutes(30, 900), (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "I can reproduce this; working on a fix."));
            solver = specialist;
            if (!vip && _random.NextDouble() < 0.35)
            {
                Add(TicketEventType.DeEscalated, Actor.Agent(specialist), Minutes(60, 1440), (TicketEventData.From, "tier-2"), (TicketEventData.To, "tier-1"),
                    (TicketEventData.ToOwner, agent), (TicketEventData.Note, "Fixed the sync job; please confirm with the customer."));
                solver = agent;
            }
        }

        for (var reply = _random.Next(0, 3); reply > 0; reply--)
        {
            Add(TicketEventType.MessageAdded, customer, Minutes(30, 1440), (TicketEventData.MessageKind, "customer"), (TicketEventData.Body, "Any news on this?"));
            Add(TicketEventType.MessageAdded, Actor.Agent(solver), Minutes(10, 480), (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "Still on it, thanks for your patience."));
        }

        Add(TicketEventType.StatusChanged, Actor.Agent(solver), Minutes(30, 2880), (TicketEventData.To, "solved"));
        if (_random.NextDouble() < 0.6)
        {
            var score = vip ? _random.Next(3, 6) : _random.Next(1, 6);
            Add(TicketEventType.CsatRecorded, customer, Minutes(10, 2880), (TicketEventData.Score, score.ToString(CultureInfo.InvariantCulture)));
        }

        Add(TicketEventType.StatusChanged, Actor.User("auto-close"), TimeSpan.FromDays(4), (TicketEventData.To, "closed"));
        return events;
    }

    private string Pick(string[] agents) => agents.Length == 0 ? "agent" : agents[_random.Next(agents.Length)];

    private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(_random.Next(min, max));

    /// <summary>One history entry as a line of the server's export format.</summary>
    public static string ToJsonLine(HistoryEvent entry, int sequence) =>
        System.Text.Json.JsonSerializer.Serialize(
            new ExportedEvent(entry.TicketKey, sequence, entry.Type.ToText(), entry.Actor.ToString(), entry.At, new Dictionary<string, string>(entry.Data)),
            HistoryJson.Default.ExportedEvent);
}
