using System.Net;
using System.Text.Json.Nodes;
using EscalationStudio.Server.HealthFigures;
using EscalationStudio.Server.Tests.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.HealthFigures;

/// <summary>
/// The figures follow the desk: an escalation through the API shows at once, a policy's escalation too, and a
/// restarted server folds the same figures from the history; <c>/metrics</c> counts the escalations for Prometheus.
/// </summary>
public sealed class LiveSummaryTests : OpenTooLongInstallation
{
    [Fact]
    public async Task An_escalation_through_the_API_shows_in_the_figures_and_the_ticket_list_at_once()
    {
        using var server = new EscalationServer();
        var manager = server.ClientWithKey(EscalationServer.ManagerKey);
        var ticket = (await manager.CreateTicketAsync(subject: "Invoices missing")).Id();
        AssertRatio((await HealthAsync(manager))["figures"]!["escalationRate"], 0, 1);

        server.Clock.Advance(TimeSpan.FromMinutes(90));
        var escalated = await manager.PostAsync($"/api/tickets/{ticket}/escalate", new { reason = "billing system access", tier = "tier-2" });
        Assert.Equal(HttpStatusCode.OK, escalated.StatusCode);

        var health = await HealthAsync(manager);
        AssertRatio(health["figures"]!["escalationRate"], 1, 1);
        Assert.Equal(1.5, (double)health["figures"]!["timeToEscalate"]!["wallClock"]!["p50Hours"]!);
        Assert.Equal([ticket], await TicketIdsAsync(manager, "escalated=true"));
    }

    [Fact]
    public async Task Metrics_answers_in_Prometheus_text_with_the_escalation_counters_after_an_escalation()
    {
        using var server = new EscalationServer();
        var admin = server.Admin();
        var ticket = (await admin.CreateTicketAsync(subject: "Cannot log in")).Id();
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket}/escalate", new { reason = "SSO broken", tier = "managers" })).StatusCode);

        // OpenTelemetry listens to meters by name in the whole process, so hosts of tests running alongside add to
        // these counts: the assertions only ask for this escalation's share.
        // The counters are counted as the summaries apply the commit, a moment after it (scrapes come every few seconds).
        await server.Services.GetRequiredService<LiveTicketSummaries>().WhenCaughtUpAsync();

        // Scraped without a key, as Prometheus does.
        var response = await server.CreateClient().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE escalation_escalations_total counter", text);
        Assert.Matches("""escalation_escalations_total\{[^}]*from="tier-1"[^}]*source="manual"[^}]*to="managers"[^}]*\} [1-9]""", text);
        Assert.Matches("""escalation_ticket_events_total\{[^}]*type="escalated"[^}]*\} [1-9]""", text);
        Assert.Contains("# TYPE escalation_time_to_escalate_seconds histogram", text);
        Assert.Matches("""escalation_time_to_escalate_seconds_bucket\{[^}]*tier="tier-1",le="1800"\} [1-9]""", text);
        Assert.Contains("escalation_dispatch_queue_depth", text);
    }

    [Fact]
    public async Task A_policys_escalation_is_in_the_figures_and_a_restarted_server_folds_the_same_figures_from_the_history()
    {
        string ticket;
        string figures;
        using (var before = new RestartingServer(Installation, Opened))
        {
            var manager = before.ClientWithKey(EscalationServer.ManagerKey);
            ticket = (await manager.CreateTicketAsync(subject: "Export to PDF fails")).Id();
            await before.SettleAsync();
            await before.AdvanceToAsync(Due + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

            var health = await HealthAsync(manager);
            AssertRatio(health["figures"]!["escalationRate"], 1, 1);
            var byPolicy = health["figures"]!["sources"]!["byPolicy"]!.AsArray().Single()!;
            Assert.Equal("open-too-long", (string?)byPolicy["policy"]);
            Assert.Equal("sla", (string?)health["figures"]!["sources"]!["byTrigger"]!.AsArray().Single()!["trigger"]);
            Assert.Equal("open-too-long@1", (string?)health["policies"]!.AsArray().Single()!["key"]);
            Assert.Equal([ticket], await TicketIdsAsync(manager, "policy=open-too-long"));
            Assert.Equal([ticket], await TicketIdsAsync(manager, "trigger=sla"));
            Assert.Equal([ticket], await TicketIdsAsync(manager, "slaBreached=true"));
            Assert.Equal([ticket], await TicketIdsAsync(manager, "figure=escalated-by-policy&key=open-too-long@1"));
            figures = health["figures"]!.ToJsonString();

            await before.Services.GetRequiredService<LiveTicketSummaries>().WhenCaughtUpAsync();
            var scraped = await before.CreateClient().GetStringAsync("/metrics");
            Assert.Matches("""escalation_policy_runs_total\{[^}]*policy="open-too-long"[^}]*\} [1-9]""", scraped);
            Assert.Contains("escalation_timers_lag_milliseconds_bucket", scraped);
            Assert.Matches("""escalation_dispatch_events_total(\{[^}]*\})? [1-9]""", scraped);
        }

        using var after = new RestartingServer(Installation, Due + TimeSpan.FromHours(1));
        var again = await HealthAsync(after.ClientWithKey(EscalationServer.ManagerKey));
        Assert.Equal(figures, again["figures"]!.ToJsonString());
        Assert.Equal([ticket], await TicketIdsAsync(after.ClientWithKey(EscalationServer.ManagerKey), "trigger=sla"));
    }

    private static async Task<JsonObject> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/metrics/escalation");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private static async Task<List<string>> TicketIdsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/tickets?{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.ReadObjectAsync())["items"]!.AsArray().Select(t => (string)t!["id"]!)];
    }

    private static void AssertRatio(JsonNode? ratio, int numerator, int denominator)
    {
        Assert.NotNull(ratio);
        Assert.Equal((numerator, denominator), ((int)ratio["numerator"]!, (int)ratio["denominator"]!));
    }
}
