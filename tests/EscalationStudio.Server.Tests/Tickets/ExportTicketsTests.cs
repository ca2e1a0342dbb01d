using System.Net;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>GET /api/tickets/export: the event history as JSON lines, for managers and admins, with from/to checked.</summary>
public sealed class ExportTicketsTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();

    [Fact]
    public async Task The_export_streams_the_events_in_range_as_json_lines_oldest_first()
    {
        var from = server.Clock.GetUtcNow();
        var ticket = await _admin.CreateTicketAsync(subject: "Export me");
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        await _admin.PostAsync($"/api/tickets/{ticket.Id()}/priority", new { priority = "high" });
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var to = server.Clock.GetUtcNow();

        var response = await server.ClientWithKey(EscalationServer.ManagerKey)
            .GetAsync($"/api/tickets/export?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var mine = lines.Where(l => (string?)l["ticketId"] == ticket.Id()).ToList();
        Assert.Equal(["created", "priority-changed"], mine.Select(l => (string?)l["type"]));
        Assert.Equal("Export me", (string?)mine[0]["data"]!["subject"]);
        Assert.StartsWith("user:", (string?)mine[1]["actor"], StringComparison.Ordinal);
        var times = lines.Select(l => l["occurredAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.All(times, t => Assert.InRange(t, from, to));
    }

    [Fact]
    public async Task Agents_may_not_export_and_a_bad_time_is_a_400_naming_the_field()
    {
        var agent = await server.ClientWithKey(EscalationServer.Tier1AgentKey).GetAsync("/api/tickets/export");
        var badFrom = await _admin.GetAsync("/api/tickets/export?from=yesterday");
        var reversed = await _admin.GetAsync("/api/tickets/export?from=2026-10-01T00:00:00Z&to=2026-09-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.Forbidden, agent.StatusCode);
        await badFrom.AssertInvalidFieldAsync("from");
        await reversed.AssertInvalidFieldAsync("from");
    }
}
