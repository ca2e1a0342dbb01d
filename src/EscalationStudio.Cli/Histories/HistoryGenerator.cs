using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// A realistic, reproducible ticket history for examples, tests and the benchmark, shaped like a SaaS helpdesk's:
/// tickets arrive mostly in office hours on weekdays, most are how-to and account questions that tier 1 answers the
/// same day, and about one in five goes up a tier (technical faults to tier 2, refunds, cancellations and legal
/// threats to retention, billing corrections to billing and back, high-value customers and customers asking for a
/// manager to the managers). Agents work in their tier's business hours (the org's calendars); customers write
/// whenever. Every ticket is solved, rated by about a third of its customers, and closed four days later. Events come
/// out in time order while only the tickets in flight are held, so a history of any length streams in bounded memory.
/// </summary>
internal sealed class HistoryGenerator(OrgDirectory org, int seed = 20261205)
{
    /// <summary>What customers write about, and how often (weights out of 1,000).</summary>
    private static readonly (int Weight, string Subject, string Body, Topic Topic)[] Cases =
    [
        (200, "How do I export invoices?", "Where can I find the invoice export in the new dashboard?", Topic.Question),
        (220, "Password reset link expired", "The reset link says it expired, can you send a new one?", Topic.Question),
        (130, "Cannot add a new user", "Inviting a colleague fails with 'seat limit reached', but we have free seats.", Topic.Question),
        (110, "Is there a dark mode?", "Our team works late; is a dark theme planned?", Topic.Question),
        (110, "Sync stuck since yesterday", "Our calendar sync has not run since yesterday morning.", Topic.Technical),
        (60, "API returns 500 on upload", "Uploads over 10 MB fail with a 500 error.", Topic.Technical),
        (80, "Invoice address wrong", "The invoice shows our old address; we need a corrected one for our accounts.", Topic.Billing),
        (25, "Charged twice this month", "You charged my card twice, I want a refund of the second payment.", Topic.Retention),
        (15, "Refund for unused seats", "We removed 5 seats in May, please refund them.", Topic.Retention),
        (15, "I want to cancel my subscription", "Please cancel our plan at the end of the month.", Topic.Retention),
        (5, "Our lawyer will contact you", "This breach of contract is going to our lawyer.", Topic.Retention),
        (30, "Let me speak to a manager", "This is the third time I ask about the same problem. I want to speak to your manager.", Topic.Manager),
    ];

    /// <summary>What an agent asks back about each kind of case, and what the customer answers (no keyword a policy reacts to).</summary>
    private static readonly Dictionary<Topic, (string Question, string Answer)[]> Questions = new()
    {
        [Topic.Question] =
        [
            ("Which browser and version are you using?", "Chrome 131 on Windows 11."),
            ("Could you send us a screenshot of what you see?", "Here it is, attached."),
        ],
        [Topic.Technical] =
        [
            ("Could you send us the request id shown with the error?", "It is 7f3a-22c1-9b04."),
            ("Does it happen with every file, or only with some?", "Only with files over 10 MB."),
        ],
        [Topic.Billing] =
        [
            ("Which invoice number is it?", "INV-2026-0412."),
            ("What is the billing address we should use?", "Hafenstrasse 12, 20457 Hamburg."),
        ],
        [Topic.Retention] =
        [
            ("Could you confirm the last four digits of the card you paid with?", "4242."),
            ("Which plan are you on today?", "The Team plan, 25 seats."),
        ],
        [Topic.Manager] =
        [
            ("I am sorry for the back and forth. What happened the last times you wrote?", "Nobody answered my previous two emails."),
            ("Could you tell me which account this is about?", "The account of our Berlin office."),
        ],
    };

    private readonly Random _random = new(seed);
    private readonly string _entryTier = org.EntryTier?.Id ?? "tier-1";
    private readonly Dictionary<string, string[]> _agents = org.Tiers.ToDictionary(t => t.Id, t => org.AgentsIn(t.Id).Select(a => a.Id).ToArray(), StringComparer.Ordinal);
    private readonly Dictionary<string, BusinessClock> _clocks = org.Tiers
        .Where(t => t.CalendarId is not null && org.FindCalendar(t.CalendarId) is not null)
        .ToDictionary(t => t.Id, t => BusinessClock.For(org.FindCalendar(t.CalendarId!)!), StringComparer.Ordinal);

    /// <summary>For a tier without a calendar: its agents may act at any hour.</summary>
    private readonly BusinessClock _aroundTheClock = BusinessClock.AroundTheClock();

    /// <summary>Which way a ticket goes: answered in tier 1, or up to another tier.</summary>
    private enum Route
    {
        TierOne,
        TierTwo,
        Billing,
        Retention,
        Managers,
        HighValue,
    }

    private enum Topic
    {
        Question,
        Technical,
        Billing,
        Retention,
        Manager,
    }

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
        // A ticket moved to office hours arrives after some that came in later in the night; they wait here to keep order.
        var waiting = new PriorityQueue<DateTimeOffset, DateTimeOffset>();
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

            candidate = candidate.AddSeconds(_random.Next(3600));
            waiting.Enqueue(candidate, candidate);
            // Every later arrival comes at or after this one's `at`, so those before it are final.
            while (waiting.TryPeek(out var first, out _) && first <= at)
            {
                yield return waiting.Dequeue();
            }
        }

        while (waiting.TryDequeue(out var last, out _))
        {
            yield return last;
        }
    }

    private List<HistoryEvent> Ticket(int number, DateTimeOffset at)
    {
        var key = $"T-{number:D6}";
        var events = new List<HistoryEvent>();
        var customerNumber = _random.Next(1, 1 + Math.Max(100, number / 2));
        var vip = customerNumber % 30 == 0;
        var (subject, body, topic) = PickCase();
        var priority = _random.NextDouble() switch { < 0.2 => "low", < 0.75 => "normal", < 0.93 => "high", _ => "urgent" };
        var customer = Actor.Customer(Guid.Empty);
        var tier = _entryTier;

        void Add(TicketEventType type, Actor by, TimeSpan after, params (string Key, string Value)[] data)
        {
            at += after;
            events.Add(new HistoryEvent(key, type, by, at, data.ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal)));
        }

        // An agent acts after this much of their tier's working time; a customer after this much time on the wall clock.
        void Work(string agent, TicketEventType type, int fromMinutes, int toMinutes, params (string Key, string Value)[] data) =>
            Add(type, Actor.Agent(agent), Clock(tier).Add(at, Minutes(fromMinutes, toMinutes)) - at, data);
        void Customer(TicketEventType type, int fromMinutes, int toMinutes, params (string Key, string Value)[] data) =>
            Add(type, customer, Minutes(fromMinutes, toMinutes), data);
        void Moved(string by, string to, string? owner, string reason)
        {
            // A policy's move is in the history as the live server recorded it; the replay recomputes it and never copies it.
            Add(TicketEventType.Escalated, Actor.Policy(by), TimeSpan.FromSeconds(1),
                [(TicketEventData.From, tier), (TicketEventData.To, to), (TicketEventData.Reason, reason), .. owner is null ? [] : new[] { (TicketEventData.ToOwner, owner) }]);
            tier = to;
        }

        Add(TicketEventType.Created, Actor.User("email-gateway"), TimeSpan.Zero,
            (TicketEventData.Subject, subject), (TicketEventData.Priority, priority), (TicketEventData.Channel, _random.NextDouble() < 0.6 ? "email" : "chat"),
            (TicketEventData.Tier, tier), (TicketEventData.Vip, vip ? "true" : "false"), (HistoryEvent.Description, body),
            (HistoryEvent.CustomerEmail, $"customer{customerNumber}@example.com"), (HistoryEvent.CustomerName, $"Customer {customerNumber}"),
            (HistoryEvent.LifetimeValue, (vip ? 20_000 + customerNumber : 300 + customerNumber % 900).ToString(CultureInfo.InvariantCulture)));
        Add(TicketEventType.MessageAdded, customer, TimeSpan.FromSeconds(5), (TicketEventData.MessageKind, "customer"), (TicketEventData.Body, body));
        var route = vip ? Route.HighValue : topic switch
        {
            Topic.Retention => Route.Retention,
            Topic.Technical when _random.NextDouble() < 0.3 => Route.TierTwo,
            Topic.Billing when _random.NextDouble() < 0.4 => Route.Billing,
            Topic.Manager => Route.Managers,
            _ => Route.TierOne,
        };
        if (Destination(route) is { } destination && !Staffed(destination))
        {
            // An org of its own (--org), without the tier this route needs: the first tier answers the case.
            route = Route.TierOne;
        }

        var agent = Pick(_entryTier);
        var solver = agent;
        switch (route)
        {
            case Route.HighValue:
                // The live policies moved these as soon as the ticket came in.
                solver = Pick("managers");
                Moved("high-value-customers", "managers", solver, "high-value customer");
                Add(TicketEventType.SignOffRequired, Actor.Policy("high-value-customers"), TimeSpan.FromSeconds(1),
                    (TicketEventData.Reason, "high-value customer: a manager signs off before the ticket is solved"));
                Work(solver, TicketEventType.MessageAdded, 10, 120, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "I am taking care of this personally."));
                Work(solver, TicketEventType.SignedOff, 30, 600, (TicketEventData.Note, "checked with the customer"));
                break;
            case Route.Retention:
                solver = Pick("retention");
                Moved("retention-fast-lane", "retention", solver, "refund, legal or cancellation in the customer's words");
                Work(solver, TicketEventType.MessageAdded, 1, 15, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "I have your account in front of me and will sort this out today."));
                break;
            case Route.Managers:
                solver = Pick("managers");
                Moved("customer-asks-for-a-manager", "managers", solver, "the customer asked: \"speak to your manager\"");
                Work(solver, TicketEventType.MessageAdded, 10, 240, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "I am the team's manager; let us fix this together."));
                break;
            default:
                Work(agent, TicketEventType.Reassigned, 2, 120, (TicketEventData.ToOwner, agent));
                Work(agent, TicketEventType.MessageAdded, 2, 40, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "Thanks for writing in, I am looking into it."));
                if (_random.NextDouble() < (route == Route.TierOne ? 0.05 : 0.1))
                {
                    var colleague = Pick(_entryTier);
                    Work(agent, TicketEventType.Reassigned, 20, 240, (TicketEventData.ToOwner, colleague), (TicketEventData.Note, "shift change"));
                    agent = solver = colleague;
                }

                break;
        }

        switch (route)
        {
            case Route.TierTwo:
                var specialist = Pick("tier-2");
                Work(agent, TicketEventType.Escalated, 20, 300, (TicketEventData.From, tier), (TicketEventData.To, "tier-2"),
                    (TicketEventData.ToOwner, specialist), (TicketEventData.Reason, "reproduced, needs tier 2"));
                tier = "tier-2";
                Work(specialist, TicketEventType.MessageAdded, 20, 300, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "I can reproduce this; working on a fix."));
                solver = specialist;
                if (_random.NextDouble() < 0.35)
                {
                    Work(specialist, TicketEventType.DeEscalated, 60, 960, (TicketEventData.From, "tier-2"), (TicketEventData.To, _entryTier),
                        (TicketEventData.ToOwner, agent), (TicketEventData.Note, "Fixed the sync job; please confirm with the customer."));
                    tier = _entryTier;
                    solver = agent;
                }

                break;
            case Route.Billing:
                Work(agent, TicketEventType.EscalationRequested, 10, 120, (TicketEventData.Reason, "billing must correct the invoice"));
                var billing = Pick("billing");
                Moved("hand-back-to-tier-1", "billing", billing, "escalation requested: billing must correct the invoice");
                Work(billing, TicketEventType.MessageAdded, 30, 480, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "Corrected invoice issued."));
                Work(billing, TicketEventType.TagAdded, 5, 60, (TicketEventData.Tag, "blocker-resolved"));
                Add(TicketEventType.DeEscalated, Actor.Policy("hand-back-to-tier-1"), TimeSpan.FromSeconds(1), (TicketEventData.From, tier), (TicketEventData.To, _entryTier),
                    (TicketEventData.ToOwner, agent), (TicketEventData.Note, "The billing specialist solved the blocking issue."));
                tier = _entryTier;
                break;
        }

        var escalated = route != Route.TierOne;
        // Questions back to the customer: the ticket waits on them (pending) until they answer.
        for (var exchange = _random.NextDouble() < (escalated ? 0.5 : 0.3) ? _random.Next(1, 3) : 0; exchange > 0; exchange--)
        {
            // Chosen by ticket and turn, not drawn: the texts do not move the history's times.
            var (question, answer) = Questions[topic][(number + exchange) % Questions[topic].Length];
            Work(solver, TicketEventType.MessageAdded, 5, 90, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, question));
            Work(solver, TicketEventType.StatusChanged, 0, 2, (TicketEventData.To, "pending"));
            Customer(TicketEventType.MessageAdded, 20, 1_560, (TicketEventData.MessageKind, "customer"), (TicketEventData.Body, answer));
        }

        if (escalated && _random.NextDouble() < 0.3)
        {
            Customer(TicketEventType.MessageAdded, 120, 1_440, (TicketEventData.MessageKind, "customer"), (TicketEventData.Body, "Any news on this?"));
            Work(solver, TicketEventType.MessageAdded, 5, 90, (TicketEventData.MessageKind, "agent"), (TicketEventData.Body, "Still on it, thanks for your patience."));
        }

        Work(solver, TicketEventType.StatusChanged, escalated ? 60 : 5, escalated ? 960 : 180, (TicketEventData.To, "solved"));
        if (_random.NextDouble() < 0.35)
        {
            var score = _random.NextDouble() switch { < 0.5 => 5, < 0.75 => 4, < 0.85 => 3, < 0.93 => 2, _ => 1 };
            Customer(TicketEventType.CsatRecorded, 10, 2_880, (TicketEventData.Score, Math.Max(1, score - (escalated && _random.NextDouble() < 0.3 ? 1 : 0)).ToString(CultureInfo.InvariantCulture)));
        }

        Add(TicketEventType.StatusChanged, Actor.User("auto-close"), TimeSpan.FromDays(4), (TicketEventData.To, "closed"));
        return events;
    }

    private (string Subject, string Body, Topic Topic) PickCase()
    {
        var roll = _random.Next(Cases.Sum(c => c.Weight));
        foreach (var (weight, subject, body, topic) in Cases)
        {
            if ((roll -= weight) < 0)
            {
                return (subject, body, topic);
            }
        }

        throw new InvalidOperationException("the weights cover every roll");
    }

    /// <summary>The tier a route takes the case to, by the sample org's ids; null for the first tier's own route.</summary>
    private static string? Destination(Route route) => route switch
    {
        Route.TierTwo => "tier-2",
        Route.Billing => "billing",
        Route.Retention => "retention",
        Route.Managers or Route.HighValue => "managers",
        _ => null,
    };

    private bool Staffed(string tier) => _agents.GetValueOrDefault(tier) is { Length: > 0 };

    private string Pick(string tier) => _agents.GetValueOrDefault(tier) is { Length: > 0 } agents ? agents[_random.Next(agents.Length)] : "agent";

    private BusinessClock Clock(string tier) => _clocks.GetValueOrDefault(tier) ?? _aroundTheClock;

    private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(_random.Next(min, max));

    /// <summary>One history entry as a line of the server's export format.</summary>
    public static string ToJsonLine(HistoryEvent entry, int sequence) =>
        System.Text.Json.JsonSerializer.Serialize(
            new ExportedEvent(entry.TicketKey, sequence, entry.Type.ToText(), entry.Actor.ToString(), entry.At, new Dictionary<string, string>(entry.Data)),
            HistoryJson.Default.ExportedEvent);
}
