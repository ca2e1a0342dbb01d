using System.Text.Json.Nodes;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary><c>escalation render</c>: a template previewed against a ticket from the API or the export.</summary>
public sealed class RenderCommandTests : IDisposable
{
    private const string ExportLines = """
        {"ticketId":"T-1","sequence":1,"type":"created","actor":"user:email-gateway","occurredAt":"2026-07-01T07:09:00Z","data":{"subject":"Refund for unused seats","priority":"high","channel":"email","tier":"tier-1","vip":"true","description":"We removed 5 seats in May, please refund them.","customerEmail":"mira@example.com","customerName":"Mira Sol","lifetimeValue":"48000"}}
        {"ticketId":"T-2","sequence":1,"type":"created","actor":"user:email-gateway","occurredAt":"2026-07-01T07:10:00Z","data":{"subject":"Another ticket","tier":"tier-1"}}
        {"ticketId":"T-1","sequence":2,"type":"message-added","actor":"customer:00000000-0000-0000-0000-000000000000","occurredAt":"2026-07-01T07:09:05Z","data":{"messageKind":"customer","body":"We removed 5 seats in May, please refund them."}}
        {"ticketId":"T-1","sequence":3,"type":"escalated","actor":"policy:retention-fast-lane","occurredAt":"2026-07-01T07:10:00Z","data":{"from":"tier-1","to":"retention","reason":"keyword: refund"}}
        """;

    private readonly EscalationCli _cli = new();

    public RenderCommandTests() => _cli.CopySampleRepository();

    [Fact]
    public async Task An_export_line_ticket_renders_the_briefing_with_the_policys_recorded_move()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "ticket.jsonl"), ExportLines);

        var (exitCode, output, error) = await _cli.RunAsync("render", "agent/escalation-briefing", "--ticket", "ticket.jsonl");

        Assert.True(exitCode == 0, error);
        Assert.Contains("**Refund for unused seats**: now with Retention", output, StringComparison.Ordinal);
        Assert.Contains("keyword: refund", output, StringComparison.Ordinal);
        Assert.Contains("Mira Sol", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Another ticket", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apis_ticket_renders_from_a_sbn_file_path_and_as_json()
    {
        _cli.Write("ticket.json", new JsonObject
        {
            ["id"] = "01a2b3c4-0000-7000-8000-000000000001",
            ["subject"] = "Cannot export invoices",
            ["description"] = "The export button spins forever.",
            ["status"] = "open",
            ["priority"] = "urgent",
            ["channel"] = "chat",
            ["tier"] = "tier-1",
            ["requester"] = new JsonObject { ["name"] = "Dana Whitfield", ["email"] = "dana@example.com", ["lifetimeValue"] = 1200, ["vip"] = false },
            ["tags"] = new JsonArray("billing"),
            ["createdAt"] = "2026-07-01T09:00:00Z",
            ["messages"] = new JsonArray(new JsonObject { ["kind"] = "customer", ["author"] = "customer:x", ["body"] = "Still spinning, please help", ["at"] = "2026-07-01T09:30:00Z" }),
        });

        var (exitCode, output, error) = await _cli.RunAsync("render", Path.Combine("templates", "customer", "case-escalated.sbn"), "--ticket", "ticket.json", "--json");

        Assert.True(exitCode == 0, error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal("customer/case-escalated", (string?)result["template"]);
        Assert.Contains("Cannot export invoices", (string?)result["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_request_renders_what_is_asked_and_without_it_says_how_to_ask()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "ticket.jsonl"), ExportLines);

        var asked = await _cli.RunAsync("render", "approval/approval-request", "--ticket", "ticket.jsonl", "--approval", "refund:450");
        var unasked = await _cli.RunAsync("render", "approval/approval-request", "--ticket", "ticket.jsonl");
        var wrongKind = await _cli.RunAsync("render", "approval/approval-request", "--ticket", "ticket.jsonl", "--approval", "bribe:10");

        Assert.True(asked.ExitCode == 0, asked.Error);
        Assert.StartsWith("Approval needed: refund of 450 on \"Refund for unused seats\"", asked.Output, StringComparison.Ordinal);
        // As Require approval names the approver when none is set: the first tier of the directory whose authority covers 450.
        Assert.Contains("it exceeds their authority and needs Support managers", asked.Output, StringComparison.Ordinal);
        Assert.Equal(1, unasked.ExitCode);
        Assert.Contains("--approval kind[:amount]", unasked.Error, StringComparison.Ordinal);
        Assert.Equal(2, wrongKind.ExitCode);
        Assert.Contains("'bribe' is not refund, credit or contract-change", wrongKind.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_that_fails_names_its_line_and_exits_1()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "ticket.jsonl"), ExportLines);
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "templates", "agent", "broken.sbn"), "Case {{ ticket.subject }}\nline two\n{{ no_such_variable }}\n");

        var (exitCode, _, error) = await _cli.RunAsync("render", "agent/broken", "--ticket", "ticket.jsonl");
        var json = await _cli.RunAsync("render", "agent/broken", "--ticket", "ticket.jsonl", "--json");

        Assert.Equal(1, exitCode);
        Assert.Contains("agent/broken.sbn line 3", error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(3, (int?)JsonNode.Parse(json.Output)!["error"]!["line"]);
    }

    [Fact]
    public async Task A_ticket_file_that_is_neither_shape_is_bad_usage_naming_the_line()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "ticket.jsonl"), ExportLines.Split('\n')[0] + "\n{\"ticketId\":\"T-1\",\"type\":\"bogus\"}\n");

        var (exitCode, _, error) = await _cli.RunAsync("render", "agent/escalation-briefing", "--ticket", "ticket.jsonl");
        var missing = await _cli.RunAsync("render", "agent/escalation-briefing", "--ticket", "nowhere.json");

        Assert.Equal(2, exitCode);
        Assert.Contains("ticket.jsonl line 2: type 'bogus' is not a ticket event", error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nowhere.json does not exist", missing.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
