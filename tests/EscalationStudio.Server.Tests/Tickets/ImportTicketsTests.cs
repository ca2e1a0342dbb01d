using System.Net;
using System.Text;
using EscalationStudio.Server.Tests.Policies;

namespace EscalationStudio.Server.Tests.Tickets;

/// <summary>POST /api/tickets/import: export lines written back as tickets with their recorded events, for admins.</summary>
public sealed class ImportTicketsTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();

    [Fact]
    public async Task An_imported_ticket_keeps_its_id_and_recorded_events_and_takes_the_next_change_after_them()
    {
        var id = Guid.CreateVersion7();
        var lines = $$$"""
            {"ticketId":"{{{id}}}","sequence":1,"type":"created","actor":"user:email-gateway","occurredAt":"2026-10-05T09:00:00Z","data":{"subject":"Refund for March","priority":"normal","channel":"email","tier":"tier-1","owner":"","customer":"{{{Guid.CreateVersion7()}}}","vip":"false","tags":""}}
            {"ticketId":"{{{id}}}","sequence":2,"type":"message-added","actor":"customer:00000000-0000-0000-0000-000000000000","occurredAt":"2026-10-05T09:00:05Z","data":{"messageKind":"customer","body":"I want a refund"}}
            {"ticketId":"{{{id}}}","sequence":3,"type":"escalated","actor":"policy:retention-fast-lane","occurredAt":"2026-10-05T09:00:06Z","data":{"from":"tier-1","to":"retention","reason":"keyword: refund"}}
            """;
        var observed = server.ObservedEvents.Count;

        using var response = await PostLinesAsync(_admin, lines);
        using var again = await PostLinesAsync(_admin, lines);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadObjectAsync();
        Assert.Equal(1, (int)answer["tickets"]!);
        Assert.Equal(3, (long)answer["events"]!);
        Assert.Equal(1, (int)(await again.ReadObjectAsync())["alreadyPresent"]!);
        var ticket = await _admin.TicketAsync(id.ToString());
        Assert.Equal("retention", (string?)ticket["tier"]);
        Assert.Equal("I want a refund", (string?)ticket["messages"]![0]!["body"]);
        var timeline = await _admin.TimelineAsync(id.ToString());
        Assert.Equal(["created", "message-added", "escalated"], timeline.Select(e => (string?)e["type"]));
        Assert.Equal("policy:retention-fast-lane", (string?)timeline[2]["actor"]);
        Assert.Equal(new DateTimeOffset(2026, 10, 5, 9, 0, 6, TimeSpan.Zero), timeline[2]["occurredAt"]!.GetValue<DateTimeOffset>());
        // Imported history is not news: nobody (policies, the desk's live pages) heard of it.
        Assert.Equal(observed, server.ObservedEvents.Count);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/tickets/{id}/priority", new { priority = "high" })).StatusCode);
        var after = await _admin.TimelineAsync(id.ToString());
        Assert.Equal(4, (int)after[3]["sequence"]!);
    }

    [Fact]
    public async Task Only_admins_may_import_and_an_empty_body_is_a_400_naming_it()
    {
        using var manager = await PostLinesAsync(server.ClientWithKey(EscalationServer.ManagerKey), "{}");
        using var empty = await PostLinesAsync(_admin, "");

        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        await empty.AssertInvalidFieldAsync("body");
    }

    private static Task<HttpResponseMessage> PostLinesAsync(HttpClient client, string lines) =>
        client.PostAsync("/api/tickets/import", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
}
