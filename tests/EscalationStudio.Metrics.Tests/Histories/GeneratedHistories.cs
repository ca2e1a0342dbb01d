using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Metrics.Tests.Histories;

/// <summary>
/// Plausible random ticket histories from a seed: conversations, lateral moves, escalations by policies and by hand,
/// hand-backs, SLA signals, solving, reopening and CSAT; about ten events a ticket. The benchmarks link this file.
/// </summary>
internal static class GeneratedHistories
{
    private static readonly string[] Ladder = ["tier-1", "tier-2", "managers"];
    private static readonly string[] Specialists = ["retention"];
    private static readonly string[] Triggers = ["keyword", "vip", "sentiment", "manager-requested", "manual-flag", "sla"];
    private static readonly string[] PolicyIds = ["refund-guard", "vip-fast-lane", "retention-fast-lane", "sla-policy"];
    private static readonly string[] Metrics = ["first-response", "next-response", "resolution"];
    private static readonly Dictionary<string, string[]> AgentsOf = new()
    {
        ["tier-1"] = ["ana", "malik"],
        ["tier-2"] = ["katrin"],
        ["managers"] = ["claire"],
        ["retention"] = ["nina"],
    };

    /// <param name="escalationPercent">The chance, per step of a ticket's life, that it is escalated; the tests use a
    /// high one to meet many moves, the benchmark a lower one for an escalation rate near the healthy band's.</param>
    public static List<History> Tickets(int count, int seed, DateTimeOffset from, TimeSpan spread, int escalationPercent = 12)
    {
        var random = new Random(seed);
        var tickets = new List<History>(count);
        for (var i = 0; i < count; i++)
        {
            var createdAt = from + TimeSpan.FromMinutes(random.NextDouble() * spread.TotalMinutes);
            var id = new byte[16];
            random.NextBytes(id);
            tickets.Add(OneTicket(random, createdAt, new Guid(id), escalationPercent));
        }

        return tickets;
    }

    /// <summary>All tickets' events in one stream, in time order: tickets interleave, each ticket's events stay in order.</summary>
    public static List<TicketEvent> Interleaved(IEnumerable<History> tickets)
    {
        var events = tickets.SelectMany(t => t.Events).ToList();
        events.Sort((a, b) => a.OccurredAt != b.OccurredAt ? a.OccurredAt.CompareTo(b.OccurredAt)
            : a.TicketId != b.TicketId ? a.TicketId.CompareTo(b.TicketId)
            : a.Sequence.CompareTo(b.Sequence));
        return events;
    }

    private static History OneTicket(Random random, DateTimeOffset createdAt, Guid id, int escalationPercent)
    {
        var tier = "tier-1";
        var history = new History(createdAt, id).Created(
            tier,
            random.Next(5) == 0 ? null : Pick(random, AgentsOf[tier]),
            (TicketPriority)random.Next(4),
            (TicketChannel)random.Next(6),
            vip: random.Next(10) == 0);
        var escalated = false;
        for (var step = random.Next(3, 9); step > 0; step--)
        {
            history.After(TimeSpan.FromMinutes(1 + random.Next(8 * 60)));
            var roll = random.Next(100);
            if (roll < 40)
            {
                (random.Next(2) == 0 ? history.CustomerReply() : history).AgentReply();
            }
            else if (roll < 50)
            {
                history.Reassigned(Pick(random, AgentsOf[tier]));
            }
            else if (roll < 50 + escalationPercent)
            {
                var to = random.Next(4) == 0 ? Pick(random, Specialists) : Ladder[Math.Min(Array.IndexOf(Ladder, tier) + 1, Ladder.Length - 1)];
                if (to == tier)
                {
                    continue;
                }

                tier = to;
                escalated = true;
                var owner = random.Next(3) == 0 ? null : Pick(random, AgentsOf[tier]);
                if (random.Next(5) < 3)
                {
                    var policy = Pick(random, PolicyIds);
                    history.Escalated(tier, owner, policy, 1 + random.Next(3), random.Next(8) == 0 ? null : Pick(random, Triggers),
                        history.Events[^1].OccurredAt.AddSeconds(-random.Next(600)));
                }
                else
                {
                    history.Escalated(tier, owner, by: Actor.Agent("ana"));
                }
            }
            else if (roll < 62)
            {
                history.AgentReply();
            }
            else if (roll < 67 && escalated && tier != "tier-1")
            {
                // Sometimes to tier-2 from a tier above it or a specialist group, which the ticket may never have been in.
                tier = tier != "tier-2" && random.Next(3) == 0 ? "tier-2" : "tier-1";
                history.DeEscalated(tier, Pick(random, AgentsOf[tier]), random.Next(2) == 0 ? Pick(random, PolicyIds) : null, 1);
            }
            else if (roll < 75)
            {
                var metric = random.Next(10) == 0 ? null : Pick(random, Metrics);
                (random.Next(3) == 0 ? history.SlaBreached(metric) : history.SlaWarning(metric)).Note("briefing-sent");
            }
            else if (roll < 78)
            {
                history.Priority((TicketPriority)random.Next(4));
            }
            else
            {
                history.Status(random.Next(2) == 0 ? TicketStatus.Pending : TicketStatus.Open);
            }
        }

        if (random.Next(10) < 8)
        {
            history.After(TimeSpan.FromHours(1)).Solved();
            if (random.Next(10) == 0)
            {
                history.After(TimeSpan.FromHours(2)).CustomerReply().After(TimeSpan.FromHours(1)).Solved();
            }

            if (random.Next(10) < 6)
            {
                history.Csat(1 + random.Next(5));
            }
        }

        return history;
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];
}
