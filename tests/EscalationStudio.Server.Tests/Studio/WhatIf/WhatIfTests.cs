using System.Net;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio.WhatIf;

/// <summary>
/// What if on the server's own tickets: a draft that sends refund cases to billing instead of retention, replayed
/// over the last days beside the published version, in the background, without touching a live ticket.
/// </summary>
public sealed class WhatIfTests(WhatIfServer server) : IClassFixture<WhatIfServer>
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_draft_that_changes_a_path_lists_the_changed_ticket_and_leaves_live_tickets_alone()
    {
        var admin = server.Admin();
        var manager = server.ClientWithKey(EscalationServer.ManagerKey);
        var refund = (await admin.CreateTicketAsync(subject: "I want a refund for March", email: "refund.whatif@example.com")).Id();
        var plain = (await admin.CreateTicketAsync(subject: "How do I export invoices?", email: "plain.whatif@example.com")).Id();
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        Assert.Equal("retention", (string?)(await admin.TicketAsync(refund))["tier"]);
        // The window ends at the moment the run is asked for; the tickets' events lie before it. (A minute: the live
        // policy's own five-minute handover timer must not fire while the test compares the live tickets.)
        server.Clock.Advance(TimeSpan.FromMinutes(1));

        using var noDraft = await manager.PostAsync($"/api/policies/{WhatIfServer.Policy}/what-if", new { days = 7 });
        await noDraft.AssertProblemAsync(HttpStatusCode.Conflict);

        await WhatIfServer.SaveDraftAsync(manager, "billing");
        var liveBefore = await LiveStateAsync(refund, plain);
        var observedBefore = server.ObservedEvents.Count;

        using var started = await manager.PostAsync($"/api/policies/{WhatIfServer.Policy}/what-if", new { days = 7 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        Assert.StartsWith($"/api/policies/{WhatIfServer.Policy}/what-if/", location, StringComparison.Ordinal);
        var accepted = await started.ReadObjectAsync();
        Assert.Equal(7, (int)accepted["days"]!);
        Assert.Equal(1, (int?)accepted["publishedVersion"]);
        Assert.Equal(2, (int)accepted["draftVersion"]!);

        var done = await PollAsync(manager, location);

        Assert.Equal("done", (string?)done["state"]);
        Assert.True((long)done["eventsTotal"]! > 0);
        Assert.Equal((long)done["eventsTotal"]!, (long)done["eventsReplayed"]!);
        var result = done["result"]!;
        Assert.Equal(2, (int)result["tickets"]!);
        var changed = Assert.Single(result["changedTickets"]!.AsArray());
        Assert.Equal(refund, (string?)changed!["ticket"]);
        Assert.Equal("tier-1 → retention (retention-fast-lane)", (string?)changed["before"]);
        Assert.Equal("tier-1 → billing (retention-fast-lane)", (string?)changed["after"]);
        Assert.Equal($"/desk/tickets/{refund}", (string?)changed["link"]);
        var escalationRate = result["figures"]!.AsArray().Single(f => (string?)f!["figure"] == "escalation rate")!;
        Assert.False((bool)escalationRate["changed"]!);

        Assert.Equal(liveBefore, await LiveStateAsync(refund, plain));
        Assert.Equal(observedBefore, server.ObservedEvents.Count);
        Assert.Equal("retention", (string?)(await admin.TicketAsync(refund))["tier"]);

        var page = await manager.GetStringAsync($"/studio/what-if/{(string?)done["id"]}");
        Assert.Contains("1 ticket took another path", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/desk/tickets/{refund}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_agents_may_not_start_a_run()
    {
        var manager = server.ClientWithKey(EscalationServer.ManagerKey);

        using var refused = await manager.PostAsync($"/api/policies/{WhatIfServer.Policy}/what-if", new { days = 0 });
        Assert.Contains("between 1 and 365", await refused.AssertInvalidFieldAsync("days"), StringComparison.Ordinal);
        await (await manager.PostAsync($"/api/policies/{WhatIfServer.Policy}/what-if", new { days = 400 })).AssertInvalidFieldAsync("days");
        await (await manager.PostAsync($"/api/policies/{WhatIfServer.Policy}/what-if", new { days = "thirty" })).AssertInvalidFieldAsync("days");
        await (await manager.PostAsync("/api/policies/no-such-policy/what-if", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await manager.GetAsync($"/api/policies/{WhatIfServer.Policy}/what-if/0123456789abcdef")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.ClientWithKey(EscalationServer.Tier1AgentKey).PostAsync($"/api/policies/{WhatIfServer.Policy}/what-if", new { })).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_what_if_routes()
    {
        var document = await (await server.CreateClient().GetAsync("/openapi/v1.json")).ReadObjectAsync();

        var start = document["paths"]!["/api/policies/{definitionId}/what-if"]!["post"]!;
        Assert.Equal("StartWhatIf", (string?)start["operationId"]);
        Assert.NotNull(start["responses"]!["202"]);
        Assert.NotNull(start["responses"]!["400"]);
        Assert.Equal("GetWhatIf", (string?)document["paths"]!["/api/policies/{definitionId}/what-if/{runId}"]!["get"]!["operationId"]);
    }

    /// <summary>Asks for the run until it is done or failed (the replay runs on its own thread, in real time).</summary>
    private static async Task<JsonObject> PollAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var status = await (await client.GetAsync(location)).ReadObjectAsync();
            if ((string?)status["state"] is "done" or "failed")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the What-if did not finish within {PollLimit.TotalSeconds} s: {status}");
            await Task.Delay(100);
        }
    }

    /// <summary>Each ticket's tier, owner, status and number of events, as the store has them.</summary>
    private async Task<string> LiveStateAsync(params string[] ids)
    {
        var lines = new List<string>();
        foreach (var id in ids)
        {
            var (ticket, timeline) = await server.InDeskAsync(async desk =>
            {
                return (await desk.FindAsync(Guid.Parse(id)), await desk.GetTimelineAsync(Guid.Parse(id)));
            });
            lines.Add($"{id} {ticket!.TierId} {ticket.OwnerAgentId} {ticket.Status} {ticket.Version} {timeline.Count}");
        }

        return string.Join('\n', lines);
    }
}
