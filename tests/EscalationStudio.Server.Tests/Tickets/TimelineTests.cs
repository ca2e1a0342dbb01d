using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class TimelineTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();

    [Fact]
    public async Task The_timeline_lists_every_event_oldest_first_with_escalation_and_hand_back()
    {
        var ana = server.ClientWithKey(EscalationServer.Tier1AgentKey);
        var ticket = await _admin.CreateTicketAsync(owner: EscalationServer.Tier1Agent);
        var id = Guid.Parse(ticket.Id());
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        await ana.PostAsync($"/api/tickets/{id}/escalate", new { reason = "Needs log access" });
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        await server.InDeskAsync(desk => desk
            .EscalateAsync(id, "tier-2", EscalationServer.Tier2Agent, "Manual flag: needs log access", Actor.Policy("manual-flag"),
                new PolicyDecision("manual-flag", 4, "escalate-to-tier-2")));
        server.Clock.Advance(TimeSpan.FromHours(2));
        await server.ClientWithKey(EscalationServer.Tier2AgentKey)
            .PostAsync($"/api/tickets/{id}/de-escalate", new { tier = "tier-1", owner = EscalationServer.Tier1Agent, note = "Export fixed" });

        var timeline = await (await _admin.GetAsync($"/api/tickets/{id}/timeline")).ReadArrayAsync();

        Assert.Equal(["created", "escalation-requested", "escalated", "de-escalated"], timeline.Select(e => (string?)e!["type"]));
        Assert.Equal([1, 2, 3, 4], timeline.Select(e => (int)e!["sequence"]!));
        var times = timeline.Select(e => e!["occurredAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(EscalationServer.Start.AddMinutes(20), times[2]);
        var escalated = timeline[2]!;
        Assert.Equal("policy:manual-flag", (string?)escalated["actor"]);
        Assert.Equal("tier-1", (string?)escalated["data"]!["from"]);
        Assert.Equal("tier-2", (string?)escalated["data"]!["to"]);
        Assert.Equal(EscalationServer.Tier2Agent, (string?)escalated["data"]!["toOwner"]);
        Assert.Equal("Manual flag: needs log access", (string?)escalated["data"]!["reason"]);
        Assert.Equal("manual-flag", (string?)escalated["data"]!["policy"]);
        Assert.Equal("4", (string?)escalated["data"]!["policyVersion"]);
        Assert.Equal("escalate-to-tier-2", (string?)escalated["data"]!["activity"]);
        Assert.Equal("agent:katrin.vogel", (string?)timeline[3]!["actor"]);
        Assert.Equal("Export fixed", (string?)timeline[3]!["data"]!["note"]);
        Assert.Equal("", (string?)timeline[3]!["data"]!["policy"]);
        Assert.Equal("", (string?)timeline[3]!["data"]!["activity"]);
    }

    [Fact]
    public async Task A_reader_that_kept_the_earlier_events_gets_only_the_later_ones_in_order()
    {
        var id = Guid.Parse((await _admin.CreateTicketAsync()).Id());
        foreach (var tag in new[] { "one", "two", "three" })
        {
            await _admin.PostAsync($"/api/tickets/{id}/tags", new { tag });
        }

        var (later, none, unknown) = await server.InScopeAsync(async sp =>
        {
            var desk = sp.GetRequiredService<ITicketDesk>();
            return (await desk.GetTimelineAfterAsync(id, 2), await desk.GetTimelineAfterAsync(id, 4), await desk.GetTimelineAfterAsync(Guid.NewGuid(), 0));
        });

        Assert.Equal([3, 4], later.Select(e => e.Sequence));
        Assert.Equal(["two", "three"], later.Select(e => e[TicketEventData.Tag]));
        Assert.Empty(none);
        Assert.Empty(unknown);
    }

    [Fact]
    public async Task Events_of_all_tickets_are_read_back_by_time_window_in_order()
    {
        server.Clock.Advance(TimeSpan.FromDays(30));
        var from = server.Clock.GetUtcNow();
        var first = await _admin.CreateTicketAsync(subject: "window one");
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await _admin.CreateTicketAsync(subject: "window two");
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await _admin.PostAsync($"/api/tickets/{first.Id()}/tags", new { tag = "late" });
        var to = server.Clock.GetUtcNow();
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        await _admin.PostAsync($"/api/tickets/{second.Id()}/tags", new { tag = "outside" });

        var events = await server.InScopeAsync(async sp =>
        {
            var read = new List<TicketEvent>();
            await foreach (var e in sp.GetRequiredService<ITicketDesk>().ReadEventsAsync(from, to))
            {
                read.Add(e);
            }

            return read;
        });

        Assert.Equal(
            [(first.Id(), TicketEventType.Created), (second.Id(), TicketEventType.Created)],
            events.Select(e => (e.TicketId.ToString(), e.Type)));
    }

    [Fact]
    public async Task The_timeline_of_an_unknown_ticket_is_404()
    {
        await (await _admin.GetAsync($"/api/tickets/{Guid.NewGuid()}/timeline")).AssertProblemAsync(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Observers_hear_each_committed_event_once_in_order()
    {
        var ticket = await _admin.CreateTicketAsync();
        await _admin.PostAsync($"/api/tickets/{ticket.Id()}/tags", new { tag = "observed" });
        await _admin.PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "resolved" });

        List<TicketEvent> heard;
        lock (server.ObservedEvents)
        {
            heard = [.. server.ObservedEvents.Where(e => e.TicketId == Guid.Parse(ticket.Id()))];
        }

        Assert.Equal([TicketEventType.Created, TicketEventType.TagAdded], heard.Select(e => e.Type));
    }
}
