using System.Net;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.HealthFigures;

/// <summary><c>GET /api/metrics/escalation</c> on a history worked out by hand (<see cref="SeededHealthServer"/>): one test per cut.</summary>
public sealed class EscalationHealthApiTests(SeededHealthServer server) : IClassFixture<SeededHealthServer>
{
    private readonly HttpClient _manager = server.ClientWithKey(EscalationServer.ManagerKey);

    [Fact]
    public async Task Without_cuts_every_ticket_counts_with_the_counts_behind_each_share()
    {
        var health = await HealthAsync("");

        Assert.Equal(5, (int)health["figures"]!["tickets"]!);
        AssertRatio(health["figures"]!["escalationRate"], 3, 5);
        AssertRatio(health["figures"]!["deEscalationRate"], 1, 3);
        AssertRatio(health["figures"]!["firstTierResolution"], 1, 1);
        AssertRatio(health["figures"]!["bounce"]!["bounced"], 1, 5);
        AssertRatio(health["figures"]!["sources"]!["manualTickets"], 3, 3);
        Assert.Equal(0.10, (double)health["healthyBand"]!["low"]!);
        Assert.Equal(0.20, (double)health["healthyBand"]!["high"]!);
        Assert.Equal("week", (string?)health["period"]);

        var flow = health["tierFlow"]!.AsArray();
        Assert.Equal(3, Flow(flow, "tier-1", "tier-2")["escalations"]!.GetValue<int>());
        Assert.Equal(1, Flow(flow, "tier-2", "tier-1")["deEscalations"]!.GetValue<int>());
        var tier1 = health["tiers"]!.AsArray().Single(t => (string?)t!["tier"] == "tier-1")!;
        AssertRatio(tier1["escalatedFrom"], 3, 4);
    }

    [Fact]
    public async Task Period_week_gives_one_trend_point_per_week_with_the_healthy_band_judged()
    {
        var trend = (await HealthAsync("period=week"))["trend"]!.AsArray();

        Assert.Equal(["2026-11-23", "2026-11-30"], trend.Select(p => (string)p!["start"]!));
        AssertRatio(trend[0]!["escalationRate"], 2, 3);
        AssertRatio(trend[1]!["escalationRate"], 1, 2);
        Assert.Equal("above", (string?)trend[0]!["escalationRateHealth"]);
    }

    [Fact]
    public async Task Period_day_and_month_group_by_day_and_by_month()
    {
        Assert.Equal(["2026-11-23", "2026-11-30"], (await HealthAsync("period=day"))["trend"]!.AsArray().Select(p => (string)p!["start"]!));
        var month = (await HealthAsync("period=month"))["trend"]!.AsArray();
        Assert.Equal(["2026-11-01"], month.Select(p => (string)p!["start"]!));
        AssertRatio(month[0]!["escalationRate"], 3, 5);
    }

    [Fact]
    public async Task From_and_to_cut_by_creation_time_and_a_date_alone_includes_that_day()
    {
        AssertRatio((await HealthAsync("from=2026-11-30"))["figures"]!["escalationRate"], 1, 2);
        AssertRatio((await HealthAsync("to=2026-11-23"))["figures"]!["escalationRate"], 2, 3);
        AssertRatio((await HealthAsync("from=2026-11-23T10:00:00Z&to=2026-11-30T12:00:00Z"))["figures"]!["escalationRate"], 1, 2);
    }

    [Fact]
    public async Task Tier_counts_tickets_that_were_in_the_tier_at_some_time()
    {
        AssertRatio((await HealthAsync("tier=tier-2"))["figures"]!["escalationRate"], 3, 4);
    }

    [Fact]
    public async Task Agent_counts_tickets_the_agent_owned_at_some_time()
    {
        AssertRatio((await HealthAsync($"agent={EscalationServer.Tier2Agent}"))["figures"]!["escalationRate"], 1, 2);
        AssertRatio((await HealthAsync($"agent={EscalationServer.Tier1Agent}"))["figures"]!["escalationRate"], 1, 1);
    }

    [Fact]
    public async Task Policy_counts_only_tickets_the_policy_acted_on()
    {
        // No policy runs on this server: every move was manual (the restart test covers a policy's escalation).
        var health = await HealthAsync("policy=open-too-long");
        Assert.Equal(0, (int)health["figures"]!["tickets"]!);
        Assert.Contains("policy=open-too-long", (string?)health["ticketQuery"]);
    }

    [Fact]
    public async Task Priority_cuts_by_the_priority_now()
    {
        AssertRatio((await HealthAsync("priority=urgent"))["figures"]!["escalationRate"], 0, 1);
        AssertRatio((await HealthAsync("priority=high"))["figures"]!["escalationRate"], 1, 1);
    }

    [Fact]
    public async Task Channel_cuts_by_the_channel()
    {
        AssertRatio((await HealthAsync("channel=email"))["figures"]!["escalationRate"], 3, 3);
        AssertRatio((await HealthAsync("channel=phone"))["figures"]!["escalationRate"], 0, 1);
    }

    [Fact]
    public async Task Vip_cuts_by_the_customer_segment()
    {
        AssertRatio((await HealthAsync("vip=true"))["figures"]!["escalationRate"], 1, 2);
        AssertRatio((await HealthAsync("vip=false"))["figures"]!["escalationRate"], 2, 3);
    }

    [Fact]
    public async Task The_ticket_query_lists_the_tickets_behind_a_figure()
    {
        var query = (string)(await HealthAsync("vip=false&tier=tier-2"))["ticketQuery"]!;
        Assert.Equal("wasInTier=tier-2&vip=false", query);

        Assert.Equal(Sorted(server.A, server.C), await TicketIdsAsync($"{query}&figure=escalation-rate&side=numerator"));
        Assert.Equal(Sorted(server.A, server.C, server.D), await TicketIdsAsync($"{query}&figure=escalation-rate&side=denominator"));
    }

    [Fact]
    public async Task Ticket_list_history_filters_match_the_figures()
    {
        Assert.Equal(Sorted(server.A, server.C, server.E), await TicketIdsAsync("escalated=true"));
        Assert.Equal(Sorted(server.B, server.D), await TicketIdsAsync("escalated=false"));
        Assert.Equal(Sorted(server.C), await TicketIdsAsync("bounced=true"));
        Assert.Equal(Sorted(server.C), await TicketIdsAsync("deEscalated=true"));
        Assert.Equal(Sorted(server.A, server.E), await TicketIdsAsync("deEscalated=false"));
        Assert.Equal(Sorted(server.A, server.C, server.D, server.E), await TicketIdsAsync("wasInTier=tier-2"));
        Assert.Equal(Sorted(server.C, server.D), await TicketIdsAsync($"agent={EscalationServer.Tier2Agent}"));
        Assert.Equal(Sorted(server.E), await TicketIdsAsync("escalated=true&createdFrom=2026-11-30"));
        Assert.Equal(Sorted(server.A, server.C), await TicketIdsAsync("escalated=true&createdTo=2026-11-29"));
        Assert.Equal(Sorted(server.A, server.C, server.E), await TicketIdsAsync("figure=escalated-from-tier&key=tier-1"));
        Assert.Equal(Sorted(server.B, server.E), await TicketIdsAsync("vip=true"));
        Assert.Equal(Sorted(server.B), await TicketIdsAsync("channel=chat"));
        Assert.Empty(await TicketIdsAsync("slaBreached=true"));
        Assert.Empty(await TicketIdsAsync("trigger=sla"));
        Assert.Empty(await TicketIdsAsync("policy=open-too-long"));

        // The existing filters still mean what they meant (tier: the tier now) and combine with the history ones.
        Assert.Equal(Sorted(server.A, server.D, server.E), await TicketIdsAsync("tier=tier-2"));
        Assert.Equal(Sorted(server.A, server.E), await TicketIdsAsync("tier=tier-2&escalated=true"));
    }

    [Fact]
    public async Task History_filters_page_like_the_other_filters()
    {
        var response = await _manager.GetAsync("/api/tickets?escalated=true&pageSize=2&page=2");
        var page = await response.ReadObjectAsync();
        Assert.Equal(3, (int)page["totalCount"]!);
        Assert.Equal(2, (int)page["totalPages"]!);
        Assert.Single(page["items"]!.AsArray());
    }

    [Theory]
    [InlineData("period=year", "period")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("tier=", "tier")]
    [InlineData("priority=p1", "priority")]
    [InlineData("channel=fax", "channel")]
    [InlineData("vip=maybe", "vip")]
    [InlineData("zone=Mars/Olympus", "zone")]
    public async Task Bad_cuts_are_400_naming_the_field(string query, string field)
    {
        await (await _manager.GetAsync($"/api/metrics/escalation?{query}")).AssertInvalidFieldAsync(field);
    }

    [Theory]
    [InlineData("escalated=perhaps", "escalated")]
    [InlineData("bounced=1", "bounced")]
    [InlineData("createdFrom=soon", "createdFrom")]
    [InlineData("figure=happiness", "figure")]
    [InlineData("figure=escalation-rate&side=top", "side")]
    [InlineData("figure=escalated-by-policy", "key")]
    [InlineData("channel=fax", "channel")]
    public async Task Bad_ticket_list_history_filters_are_400_naming_the_field(string query, string field)
    {
        await (await _manager.GetAsync($"/api/tickets?{query}")).AssertInvalidFieldAsync(field);
    }

    [Fact]
    public async Task Figures_are_for_managers_and_admins_only()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ClientWithKey(EscalationServer.Tier1AgentKey).GetAsync("/api/metrics/escalation")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.CreateClient().GetAsync("/api/metrics/escalation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin().GetAsync("/api/metrics/escalation")).StatusCode);
    }

    private async Task<JsonObject> HealthAsync(string query)
    {
        var response = await _manager.GetAsync($"/api/metrics/escalation?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private async Task<List<string>> TicketIdsAsync(string query)
    {
        var response = await _manager.GetAsync($"/api/tickets?{query}&pageSize=100");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.ReadObjectAsync())["items"]!.AsArray().Select(t => (string)t!["id"]!).Order()];
    }

    private static List<string> Sorted(params string[] ids) => [.. ids.Order()];

    private static JsonNode Flow(JsonArray flow, string from, string to) =>
        flow.Single(f => (string?)f!["from"] == from && (string?)f["to"] == to)!;

    private static void AssertRatio(JsonNode? ratio, int numerator, int denominator)
    {
        Assert.NotNull(ratio);
        Assert.Equal((numerator, denominator), ((int)ratio["numerator"]!, (int)ratio["denominator"]!));
    }
}
