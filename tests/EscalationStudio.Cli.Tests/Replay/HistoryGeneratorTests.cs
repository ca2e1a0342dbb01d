using EscalationStudio.Cli.Histories;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Tests.Replay;

/// <summary>
/// The generated history stands in for a real helpdesk's in the examples, the tests and the replay benchmark, so it has
/// to look like one: escalations the exception, agents at work in their hours, and nothing the ticket's rules refuse.
/// </summary>
public sealed class HistoryGeneratorTests
{
    [Fact]
    public void About_one_ticket_in_five_goes_up_a_tier_and_agents_act_in_their_tiers_hours()
    {
        var org = SampleRepository.Org();
        var clocks = org.Tiers.Where(t => t.CalendarId is not null)
            .ToDictionary(t => t.Id, t => BusinessClock.For(org.FindCalendar(t.CalendarId!)!), StringComparer.Ordinal);

        var history = new HistoryGenerator(org).Generate(2_000, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(60)).ToList();

        var tickets = history.Select(e => e.TicketKey).Distinct().Count();
        var escalated = history.Where(e => e.Type == TicketEventType.Escalated).Select(e => e.TicketKey).Distinct().Count();
        Assert.Equal(2_000, tickets);
        Assert.InRange((double)escalated / tickets, 0.12, 0.25);
        var agentActions = history.Where(e => e.Actor.Kind == ActorKind.Agent).ToList();
        // Work done in business time may end as the office closes: the closing instant counts as in hours.
        Assert.All(agentActions, e => Assert.True(
            clocks[org.FindAgent(e.Actor.Id)!.TierId] is var clock && (clock.IsOpen(e.At) || clock.IsOpen(e.At.AddTicks(-1))),
            $"{e.Actor} acted at {e.At:u}, out of hours"));
        Assert.Equal(history.OrderBy(e => e.At).Select(e => e.At), history.Select(e => e.At));
    }

    [Fact]
    public void An_org_without_the_samples_specialists_gets_a_history_that_names_only_its_own_tiers_and_agents()
    {
        var sample = SampleRepository.Org();
        var org = new OrgDirectory("two tiers", sample.Tiers.Where(t => t.Id is "tier-1" or "tier-2"),
            sample.Agents.Where(a => a.TierId is "tier-1" or "tier-2"), sample.Calendars);

        var history = new HistoryGenerator(org).Generate(500, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(15)).ToList();

        Assert.All(history.Where(e => e.Actor.Kind == ActorKind.Agent), e => Assert.NotNull(org.FindAgent(e.Actor.Id)));
        Assert.All(history.Where(e => e.Type is TicketEventType.Escalated or TicketEventType.DeEscalated),
            e => Assert.NotNull(org.FindTier(e[TicketEventData.To]!)));
        Assert.Contains(history, e => e.Type == TicketEventType.Escalated && e[TicketEventData.To] == "tier-2");
    }

    [Fact]
    public async Task Replayed_through_the_sample_policies_the_desk_refuses_almost_none_of_its_actions()
    {
        var org = SampleRepository.Org();
        var history = new HistoryGenerator(org, seed: 7).Generate(600, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(20));

        var report = await new HistoryReplay(org, SampleRepository.Templates(), SampleRepository.PublishedPolicies()).RunAsync(history.ToAsyncEnumerable());

        // The history's agents follow the ticket's rules: an action the replay refuses is one the history got wrong.
        Assert.True(report.Counts.Refused.Values.Sum() <= report.Counts.Replayed / 200,
            $"{report.Counts.Refused.Values.Sum()} of {report.Counts.Replayed} refused: {string.Join("; ", report.Counts.Refused.Select(r => $"{r.Value} × {r.Key}"))}");
        Assert.InRange(report.Overall.EscalationRate.Value ?? 0, 0.12, 0.3);
        Assert.Empty(report.FaultedRuns);
    }
}
