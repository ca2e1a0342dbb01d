using System.Text.Json.Nodes;
using static EscalationStudio.Cli.Tests.Commands.Flowcharts;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary><c>escalation validate</c>: the server's publish checks and the reviewer's, each finding naming file, activity and reason.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly EscalationCli _cli = new();

    public ValidateCommandTests() => _cli.CopySampleRepository();

    [Fact]
    public async Task The_sample_policies_pass_with_warnings_only()
    {
        var (exitCode, output, _) = await _cli.RunAsync("validate", "--json");

        Assert.Equal(0, exitCode);
        var report = JsonNode.Parse(output)!;
        Assert.True(report["ok"]!.GetValue<bool>());
        Assert.Equal(6, report["policies"]!.GetValue<int>());
        Assert.All(report["findings"]!.AsArray(), f => Assert.Equal("warning", f!["severity"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_broken_policy_fails_with_each_finding_naming_file_activity_and_reason()
    {
        var policy = Chain("broken",
            Activity("Start", "Escalation.TicketCreated"),
            Activity("ToNowhere", "Escalation.EscalateToTier", new JsonObject { ["tier"] = Literal("no-such-tier") }),
            Activity("HugeRefund", "Escalation.RequireApproval", new JsonObject { ["kind"] = Literal("Refund"), ["amount"] = Literal("100000") }));
        policy["root"]!["activities"]!.AsArray().Add(Activity("Orphan", "Escalation.AddTag", new JsonObject { ["tag"] = Literal("x") }));
        _cli.Write("workflows/escalation/broken.json", policy);

        var (exitCode, output, _) = await _cli.RunAsync("validate", "--json");

        Assert.Equal(1, exitCode);
        var findings = JsonNode.Parse(output)!["findings"]!.AsArray().Select(f => (
            File: f!["file"]!.GetValue<string>(), Activity: f["activity"]?.GetValue<string>(), Reason: f["reason"]!.GetValue<string>())).ToList();
        Assert.Contains(findings, f => f.File == "workflows/escalation/broken.json" && f.Activity == "ToNowhere" && f.Reason.Contains("no-such-tier", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Activity == "Orphan" && f.Reason.StartsWith("unreachable", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Activity == "HugeRefund" && f.Reason.Contains("beyond every tier's cap", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_loop_without_a_wait_is_an_error_and_a_missing_org_directory_is_bad_usage()
    {
        var policy = Chain("spins", Activity("Start", "Escalation.TicketCreated"), Activity("TagA", "Escalation.AddTag", new JsonObject { ["tag"] = Literal("a") }),
            Activity("TagB", "Escalation.AddTag", new JsonObject { ["tag"] = Literal("b") }));
        policy["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "TagB", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "TagA", ["port"] = "In" },
        });
        var file = _cli.Write("spins.json", policy);

        var (exitCode, output, _) = await _cli.RunAsync("validate", file);
        var missingOrg = await _cli.RunAsync("validate", "--org", "nowhere.json");

        Assert.Equal(1, exitCode);
        Assert.Contains("loop with no wait", output, StringComparison.Ordinal);
        Assert.Equal(2, missingOrg.ExitCode);
        Assert.Contains("nowhere.json", missingOrg.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
