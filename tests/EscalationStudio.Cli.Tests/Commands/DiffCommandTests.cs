using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary><c>escalation diff</c>: what changed, in the designer's words, between files or against a git revision.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly EscalationCli _cli = new();

    public DiffCommandTests() => _cli.CopySampleRepository();

    private string Policy => Path.Combine(_cli.Folder, "workflows", "escalation", "retention-fast-lane.json");

    [Fact]
    public async Task Two_versions_of_a_policy_differ_by_their_inputs_and_connections()
    {
        var changed = Changed();
        _cli.Write("changed.json", changed);

        var (exitCode, output, _) = await _cli.RunAsync("diff", Policy, "changed.json");
        var json = await _cli.RunAsync("diff", Policy, "changed.json", "--json");

        Assert.Equal(0, exitCode);
        Assert.Contains("Escalate to tier ToRetention: Tier retention → billing", output, StringComparison.Ordinal);
        Assert.Contains("- connection AnsweredInFiveMinutes (TimedOut) → NextSpecialist", output, StringComparison.Ordinal);
        Assert.Contains("- Reassign within tier NextSpecialist", output, StringComparison.Ordinal);
        var changes = JsonNode.Parse(json.Output)!["policies"]![0]!["changes"]!.AsArray();
        Assert.Contains(changes, c => c!["input"]?.GetValue<string>() == "tier" && c["before"]!.GetValue<string>() == "retention" && c["after"]!.GetValue<string>() == "billing");
    }

    [Fact]
    public async Task A_git_revision_is_compared_with_the_working_tree()
    {
        Git("init", "-q");
        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-qm", "policies");
        await File.WriteAllTextAsync(Policy, Changed().ToJsonString());

        var (exitCode, output, error) = await _cli.RunAsync("diff", "HEAD", "--", "workflows/escalation");
        var unknown = await _cli.RunAsync("diff", "no-such-revision");

        Assert.True(exitCode == 0, error);
        Assert.Contains("~ retention-fast-lane", output, StringComparison.Ordinal);
        Assert.Contains("Tier retention → billing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("open-too-long", output, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
    }

    [Fact]
    public async Task A_type_changed_to_another_activity_or_to_its_current_name_says_which()
    {
        var handBack = Path.Combine(_cli.Folder, "workflows", "escalation", "hand-back-to-tier-1.json");
        var older = JsonNode.Parse(File.ReadAllText(handBack))!.AsObject();
        var trigger = older["root"]!["activities"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Escalation.EscalationRequested")!;
        trigger["type"] = "Escalation.ManualEscalation";
        _cli.Write("older.json", older);
        var other = older.DeepClone().AsObject();
        other["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == trigger["id"]!.GetValue<string>())!["type"] = "Escalation.KeywordMatched";
        _cli.Write("other.json", other);

        var renamed = await _cli.RunAsync("diff", "older.json", handBack);
        var replaced = await _cli.RunAsync("diff", "other.json", handBack);

        Assert.Contains($"{trigger["name"]}: type Escalation.ManualEscalation → Escalation.EscalationRequested (the same activity, under its current name)",
            renamed.Output, StringComparison.Ordinal);
        Assert.Contains($"{trigger["name"]}: Keyword matched → Escalation requested", replaced.Output, StringComparison.Ordinal);
    }

    private JsonObject Changed()
    {
        var policy = JsonNode.Parse(File.ReadAllText(Policy))!.AsObject();
        var activities = policy["root"]!["activities"]!.AsArray();
        activities.Single(a => a!["id"]!.GetValue<string>() == "ToRetention")!["tier"]!["expression"]!["value"] = "billing";
        activities.Remove(activities.Single(a => a!["id"]!.GetValue<string>() == "NextSpecialist"));
        var connections = policy["root"]!["connections"]!.AsArray();
        connections.Remove(connections.Single(c => c!["target"]!["activity"]!.GetValue<string>() == "NextSpecialist"));
        return policy;
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _cli.Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, git.StandardError.ReadToEnd());
    }

    public void Dispose() => _cli.Dispose();
}
