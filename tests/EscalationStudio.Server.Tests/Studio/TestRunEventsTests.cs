using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Dispatch;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>
/// Test runs a manager can steer: on a copy of a real ticket (which stays as it was), with events injected while the
/// run is open, at an address that shows the same run again.
/// </summary>
[Collection(TestRunServerCollection.Name)]
public sealed class TestRunEventsTests(StudioServer server)
{
    [Fact]
    public async Task Run_on_a_copy_of_a_real_ticket_takes_a_customer_reply_and_leaves_the_real_ticket_unchanged()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var real = await QuietTicketAsync(client);
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        var realTimelineBefore = await client.GetStringAsync($"api/tickets/{real}/timeline");
        var realTicketBefore = await client.GetStringAsync($"api/tickets/{real}");

        var started = await PostFormAsync(client, "studio/runs/start", new() { ["policy"] = "retention-fast-lane", ["ticketId"] = real, ["runFor"] = "1h" });
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(real, (string?)started.Body["copiedFrom"]);
        Assert.Null((string?)started.Body["workflowInstanceId"]);
        Assert.Equal("created", (string?)started.Body["timeline"]![0]!["type"]);
        var runId = (string)started.Body["id"]!;

        var after = await PostFormAsync(client, $"studio/runs/{runId}/events",
            new() { ["kind"] = "customer-reply", ["value"] = "If this is not fixed today I will cancel my contract.", ["thenWait"] = "1m" });

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("retention", (string?)after.Body["ticket"]!["tier"]);
        var escalated = Assert.Single(after.Body["timeline"]!.AsArray(), step => (string?)step!["type"] == "escalated")!;
        Assert.Equal("policy \"Retention fast lane\", step \"To retention\"", (string?)escalated["actorName"]);
        Assert.Single(after.Body["injected"]!.AsArray());

        // The address is the run's: opened again, it shows the run as the event left it.
        using var page = await client.GetAsync($"studio/runs/{runId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("cancel my contract", html, StringComparison.Ordinal);
        Assert.Contains("Escalated Tier 1 &#x2014; Frontline &#x2192; Retention", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/studio/runs/{runId}/events\"", html, StringComparison.Ordinal);
        Assert.Contains($"ticket {real}", html, StringComparison.Ordinal);

        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        Assert.Equal(realTimelineBefore, await client.GetStringAsync($"api/tickets/{real}/timeline"));
        Assert.Equal(realTicketBefore, await client.GetStringAsync($"api/tickets/{real}"));
    }

    [Fact]
    public async Task Tag_and_status_events_reach_the_run_and_the_page_form_redirects_to_the_runs_address()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var started = await PostFormAsync(client, "studio/runs/start", new() { ["policy"] = "retention-fast-lane", ["runFor"] = "10m" });
        var runId = (string)started.Body["id"]!;

        var tagged = await PostFormAsync(client, $"studio/runs/{runId}/events", new() { ["kind"] = "tag", ["value"] = "blocker-resolved" });
        using var solved = await client.PostAsync($"studio/runs/{runId}/events",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "status", ["value"] = "pending" }));

        Assert.Contains("blocker-resolved", tagged.Body["ticket"]!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(HttpStatusCode.SeeOther, solved.StatusCode);
        Assert.Equal($"/studio/runs/{runId}", solved.Headers.Location?.OriginalString);
        var run = await client.GetStringAsync($"studio/runs/{runId}");
        Assert.Contains("tagged blocker-resolved", run, StringComparison.Ordinal);
        Assert.Contains("status set to pending", run, StringComparison.Ordinal);
        Assert.Matches("Status [a-z]+ &#x2192; pending", run);
    }

    [Theory]
    [InlineData("dance", "x", "kind")]
    [InlineData("status", "half-done", "value")]
    [InlineData("customer-reply", "", "value")]
    [InlineData("tag", "x", "thenWait", "forever")]
    public async Task An_event_the_run_cannot_use_answers_400_naming_the_field(string kind, string value, string field, string? thenWait = null)
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var runId = (string)(await PostFormAsync(client, "studio/runs/start", new() { ["policy"] = "retention-fast-lane", ["runFor"] = "1m" })).Body["id"]!;

        var fields = new Dictionary<string, string> { ["kind"] = kind, ["value"] = value };
        if (thenWait is not null)
        {
            fields["thenWait"] = thenWait;
        }

        using var response = await SendFormAsync(client, $"studio/runs/{runId}/events", fields);

        await response.AssertInvalidFieldAsync(field);
    }

    [Fact]
    public async Task Starting_on_a_ticket_that_does_not_exist_answers_400_and_an_unknown_run_404()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var unknownTicket = await SendFormAsync(client, "studio/runs/start", new() { ["policy"] = "retention-fast-lane", ["ticketId"] = Guid.NewGuid().ToString() });
        using var notAnId = await SendFormAsync(client, "studio/runs/start", new() { ["policy"] = "retention-fast-lane", ["ticketId"] = "yesterday's" });
        using var unknownPolicy = await SendFormAsync(client, "studio/runs/start", new() { ["policy"] = "no-such-policy" });
        using var unknownRun = await SendFormAsync(client, "studio/runs/no-such-run/events", new() { ["kind"] = "tag", ["value"] = "x" });

        Assert.Contains("there is no ticket", await unknownTicket.AssertInvalidFieldAsync("ticketId"), StringComparison.Ordinal);
        Assert.Contains("GUID", await notAnId.AssertInvalidFieldAsync("ticketId"), StringComparison.Ordinal);
        await unknownPolicy.AssertInvalidFieldAsync("policy");
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }

    [Fact]
    public async Task Agents_may_not_start_runs_or_inject_events()
    {
        using var manager = server.ClientWithKey(StudioServer.ManagerKey);
        var runId = (string)(await PostFormAsync(manager, "studio/runs/start", new() { ["policy"] = "retention-fast-lane", ["runFor"] = "1m" })).Body["id"]!;
        using var agent = server.ClientWithKey(StudioServer.AgentKey);

        using var start = await SendFormAsync(agent, "studio/runs/start", new() { ["policy"] = "retention-fast-lane" });
        using var inject = await SendFormAsync(agent, $"studio/runs/{runId}/events", new() { ["kind"] = "tag", ["value"] = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, inject.StatusCode);
    }

    /// <summary>A ticket none of the sample policies acts on: a small customer, no keyword, no VIP flag.</summary>
    internal static async Task<string> QuietTicketAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("api/tickets", new
        {
            subject = "Where do I change the invoice address?",
            description = "Our office moved; the invoices should go to the new address.",
            requester = new { name = "Ole Brandt", email = $"ole.{Guid.NewGuid():N}@example.com", organisation = "Brandt Kontor", lifetimeValue = 300m, vip = false },
            channel = "email",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadObjectAsync()).Id();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        using var response = await SendFormAsync(client, path, fields);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A script signed in with a key posts the page's form and asks for JSON instead of the page.</summary>
    private static Task<HttpResponseMessage> SendFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client.SendAsync(request);
    }
}
