using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;
using EscalationStudio.Persistence;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>The designer's ▶ Run: a sandboxed test run of the latest version against a sample ticket.</summary>
[Collection(TestRunServerCollection.Name)]
public sealed class ExecuteTestRunTests(StudioServer server)
{
    private static JsonObject RunRequest(JsonObject? input = null) =>
        new() { ["correlationId"] = null, ["triggerActivityId"] = null, ["versionOptions"] = "Latest", ["input"] = input };

    [Fact]
    public async Task Run_of_the_retention_policy_escalates_the_sample_ticket_to_retention_without_touching_live_tickets_or_policies()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var (liveTickets, liveInstances) = await LiveCountsAsync();

        // Long enough for the five-minute wait to end even when the run starts on a Saturday afternoon or before a holiday.
        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute", RunRequest(new JsonObject { ["runFor"] = "120h" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("x-elsa-workflow-cannot-start"));
        var instanceId = Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(instanceId, (string?)body["workflowInstanceId"]);
        var run = body["run"]!.AsObject();
        Assert.Equal("retention", (string?)run["ticket"]!["tier"]);
        Assert.Equal("urgent", (string?)run["ticket"]!["priority"]);
        Assert.True((bool)run["ticket"]!["requester"]!["vip"]!);
        var timeline = run["timeline"]!.AsArray().Select(step => step!.AsObject()).ToList();
        Assert.Contains(timeline, step => ((string?)step["summary"])!.StartsWith("Priority normal → urgent", StringComparison.Ordinal));
        var escalated = Assert.Single(timeline, step => (string?)step["type"] == "escalated");
        Assert.Equal("retention-fast-lane", (string?)escalated["data"]!["policy"]);
        Assert.Contains(timeline, step => (string?)step["type"] == "timeline-entry" && (string?)step["data"]!["kind"] == "customer-notification");
        Assert.Contains(run["ticket"]!["messages"]!.AsArray(), message => (string?)message!["kind"] == "internal-note"
            && ((string?)message["body"])!.Contains("refund", StringComparison.OrdinalIgnoreCase));
        // Nobody answers in the sandbox, so five minutes later in the retention tier's business hours (the run starts at the
        // server's real time, maybe after hours) the policy hands the case to another specialist.
        var reassigned = Assert.Single(timeline, step => (string?)step["type"] == "reassigned");
        var startedAt = run["startedAt"]!.GetValue<DateTimeOffset>();
        var org = server.Services.GetRequiredService<IOrgDirectorySource>().Current;
        var retentionHours = BusinessClock.For(org.FindCalendar(org.FindTier("retention")!.CalendarId!)!);
        Assert.Equal(retentionHours.Add(startedAt, TimeSpan.FromMinutes(5)) - startedAt, TimeSpan.Parse((string)reassigned["after"]!, CultureInfo.InvariantCulture));

        Assert.Equal((liveTickets, liveInstances), await LiveCountsAsync());
        Assert.Null(await server.Services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId));
    }

    [Fact]
    public async Task Run_uses_the_latest_draft_and_the_ticket_given_as_input()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        await ElsaApi.Save(client, LawsuitToLegal("run-draft-legal"), publish: false);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/run-draft-legal/execute",
            RunRequest(new JsonObject { ["subject"] = "Contract dispute", ["description"] = "Our lawyer is preparing a lawsuit.", ["vip"] = false }));

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.Headers.Contains("x-elsa-workflow-instance-id"), body.ToJsonString());
        Assert.Equal("legal", (string?)body["run"]!["ticket"]!["tier"]);
        Assert.Equal("Contract dispute", (string?)body["run"]!["ticket"]!["subject"]);
        Assert.False((bool)body["run"]!["ticket"]!["requester"]!["vip"]!);
    }

    [Fact]
    public async Task Run_of_a_policy_without_a_trigger_starts_it_against_the_sample_ticket()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("run-no-trigger", "Straight to tier 2 (draft)");
        model["root"]!["activities"] = new JsonArray(ElsaApi.Activity("tier2", "Escalation.EscalateToTier", new JsonObject { ["tier"] = ElsaApi.Literal("tier-2") }));
        model["root"]!["connections"] = new JsonArray();
        await ElsaApi.Save(client, model, publish: false);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/run-no-trigger/execute", RunRequest());

        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.Headers.Contains("x-elsa-workflow-instance-id"), body.ToJsonString());
        Assert.Equal("tier-2", (string?)body["run"]!["ticket"]!["tier"]);
    }

    [Fact]
    public async Task Run_with_a_sample_ticket_the_triggers_ignore_says_the_policy_cannot_start_and_why()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute",
            RunRequest(new JsonObject { ["subject"] = "Thanks", ["description"] = "All good, just saying hello." }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("x-elsa-workflow-cannot-start")));
        Assert.False(response.Headers.Contains("x-elsa-workflow-instance-id"));
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("none of the policy's triggers", (string?)body["reason"], StringComparison.Ordinal);
        Assert.Equal("tier-1", (string?)body["run"]!["ticket"]!["tier"]);
    }

    [Fact]
    public async Task Run_of_a_policy_that_faults_reports_the_incident_and_the_faulted_instance()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("run-faulting-tag", "Tag without a tag (draft)");
        model["root"]!["activities"] = new JsonArray(
            ElsaApi.Activity("refund1", "Escalation.KeywordMatched", new JsonObject { ["keywords"] = ElsaApi.Literal("refund") }, trigger: true),
            ElsaApi.Activity("tag1", "Escalation.AddTag"));
        model["root"]!["connections"] = new JsonArray(ElsaApi.Connection("refund1", "Done", "tag1"));
        await ElsaApi.Save(client, model, publish: false);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/run-faulting-tag/execute", RunRequest());

        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!["run"]!;
        Assert.True(response.Headers.Contains("x-elsa-workflow-instance-id"));
        Assert.Equal("Faulted", (string?)run["subStatus"]);
        var incident = Assert.Single(run["incidents"]!.AsArray());
        Assert.Equal("tag1", (string?)incident!["activityId"]);
        Assert.Contains("Tag is empty", (string?)incident["message"], StringComparison.Ordinal);
    }

    /// <summary>Each of these ended the server (a stack overflow) or took a gigabyte when the designer ran it.</summary>
    [Theory]
    [InlineData("var a = {}; a.self = a; return a;", "cannot be kept: it refers back to itself (value.self is value)")]
    [InlineData("var x = []; for (var i = 0; i < 50000; i++) x = [x]; return x;", "cannot be kept: it nests objects and arrays more than 32 levels deep")]
    [InlineData("var x = []; for (var i = 0; i < 50000; i++) x = [x]; return String(x);", "Maximum call stack size exceeded")]
    [InlineData("return 'x'.repeat(500000000);", "exceeded its string length limit of 1,000,000 characters: repeat would build a string of 500,000,000 characters")]
    public async Task Run_of_a_script_that_breaks_the_sandbox_faults_that_activity_and_the_server_carries_on(string script, string expected)
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("run-broken-script", "Broken script (draft)");
        model["root"]!["activities"] = new JsonArray(
            ElsaApi.Activity("refund1", "Escalation.KeywordMatched", new JsonObject { ["keywords"] = ElsaApi.Literal("refund") }, trigger: true),
            ElsaApi.Activity("js1", "Elsa.RunJavaScript", new JsonObject { ["script"] = ElsaApi.Literal(script) }));
        model["root"]!["connections"] = new JsonArray(ElsaApi.Connection("refund1", "Done", "js1"));
        await ElsaApi.Save(client, model, publish: false);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/run-broken-script/execute", RunRequest());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!["run"]!;
        Assert.Equal("Faulted", (string?)run["subStatus"]);
        var incident = Assert.Single(run["incidents"]!.AsArray());
        Assert.Equal("js1", (string?)incident!["activityId"]);
        Assert.Contains("activity 'js1'", (string?)incident["message"], StringComparison.Ordinal);
        Assert.Contains(expected, (string?)incident["message"], StringComparison.Ordinal);
        using var health = await client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Run_of_a_policy_that_does_not_load_says_why_it_cannot_start()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy("run-unknown-activity", "Unknown activity (draft)");
        model["root"]!["activities"]!.AsArray().Add(ElsaApi.Activity("mystery1", "Acme.Mystery"));
        await ElsaApi.Save(client, model, publish: false);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/run-unknown-activity/execute", RunRequest());

        Assert.Equal("true", Assert.Single(response.Headers.GetValues("x-elsa-workflow-cannot-start")));
        var reason = (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["reason"];
        Assert.Contains("does not load", reason, StringComparison.Ordinal);
        Assert.Contains("Acme.Mystery", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vip", "\"maybe\"", "must be true or false")]
    [InlineData("tier", "\"tier-9\"", "not a tier of the org directory")]
    [InlineData("runFor", "\"forever\"", "is not a duration")]
    [InlineData("lifetimeValue", "-5", "must be a number")]
    [InlineData("priority", "\"whenever\"", "is not one of low, normal, high, urgent")]
    public async Task Run_with_an_invalid_input_field_answers_400_naming_it(string field, string json, string problemText)
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute",
            RunRequest(new JsonObject { [field] = JsonNode.Parse(json) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(problemText, (string?)problem["errors"]!["input." + field]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_body_that_is_not_json_answers_400()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsync("elsa/api/workflow-definitions/retention-fast-lane/execute",
            new StringContent("{\"input\": {", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_run_page_shows_the_sample_tickets_timeline()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var run = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute", RunRequest());
        var runUrl = (string?)(await run.Content.ReadFromJsonAsync<JsonObject>())!["runUrl"];

        using var page = await client.GetAsync(runUrl!.TrimStart('/'));
        using var missing = await client.GetAsync("studio/runs/no-such-run");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Escalated Tier 1 &#x2014; Frontline &#x2192; Retention", html, StringComparison.Ordinal);
        Assert.Contains("customer-notification", html, StringComparison.Ordinal);
        Assert.Contains("Briefing", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_designer_links_to_the_policys_recent_test_runs()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var run = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute", RunRequest());
        var runUrl = (string?)(await run.Content.ReadFromJsonAsync<JsonObject>())!["runUrl"];

        var designer = await client.GetStringAsync("studio/workflows/retention-fast-lane");
        var runs = await client.GetStringAsync("studio/runs?policy=retention-fast-lane");
        var otherPolicy = await client.GetStringAsync("studio/runs?policy=open-too-long");

        Assert.Contains("href=\"/studio/runs?policy=retention-fast-lane\"", designer, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-success-text { display: none; }", designer, StringComparison.Ordinal);
        Assert.Contains($"href=\"{runUrl}\"", runs, StringComparison.Ordinal);
        Assert.DoesNotContain(runUrl!, otherPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_may_not_start_test_runs()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        using var response = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute", RunRequest());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(int Tickets, int Instances)> LiveCountsAsync()
    {
        // Whatever earlier tests set off in the live runtime settles first, so the counts only move if the run leaks.
        await server.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var tickets = await scope.ServiceProvider.GetRequiredService<EscalationDbContext>().Tickets.CountAsync();
        var instances = await server.Services.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new WorkflowInstanceQuery { Take = 10_000 });
        return (tickets, instances.Count);
    }

    /// <summary>KeywordMatched "lawsuit" → EscalateToTier legal, never published.</summary>
    private static JsonObject LawsuitToLegal(string definitionId)
    {
        var model = ElsaApi.NewPolicy(definitionId, "Lawsuit to legal (draft)");
        model["root"]!["activities"] = new JsonArray(
            ElsaApi.Activity("lawsuit1", "Escalation.KeywordMatched", new JsonObject { ["keywords"] = ElsaApi.Literal("lawsuit") }, trigger: true),
            ElsaApi.Activity("legal1", "Escalation.EscalateToTier", new JsonObject { ["tier"] = ElsaApi.Literal("legal") }));
        model["root"]!["connections"] = new JsonArray(ElsaApi.Connection("lawsuit1", "Done", "legal1"));
        return model;
    }
}
