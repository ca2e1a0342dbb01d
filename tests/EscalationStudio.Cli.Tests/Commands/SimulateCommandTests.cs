using System.Text.Json.Nodes;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary><c>escalation simulate</c>: a history replayed through the policies, alone and compared with a change.</summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly EscalationCli _cli = new();

    public SimulateCommandTests() => _cli.CopySampleRepository();

    [Fact]
    public async Task A_generated_history_is_replayed_and_the_policies_own_moves_are_recomputed()
    {
        var generated = await _cli.RunAsync("history", "generate", "--out", "history.jsonl.gz", "--tickets", "80", "--days", "7");
        Assert.Equal(0, generated.ExitCode);
        Assert.Matches(@"^wrote [\d,]+ events of 80 tickets \(2026-07-01 to 2026-07-\d\d\) to history\.jsonl\.gz", generated.Output);

        var (exitCode, output, error) = await _cli.RunAsync("simulate", "--history", "history.jsonl.gz", "--json");

        Assert.True(exitCode == 0, error);
        var report = JsonNode.Parse(output)!["report"]!;
        Assert.Equal(80, report["overall"]!["tickets"]!.GetValue<int>());
        Assert.True(report["counts"]!["skipped"]!["policies' own moves (recomputed)"]!.GetValue<long>() > 0);
        // The retention lane escalated the keyword cases itself in the replay, not by copying the history.
        Assert.True(report["byPolicy"]!["retention-fast-lane"]!["escalationRate"]!["numerator"]!.GetValue<int>() > 0);
        Assert.True(report["byTier"]!["tier-1"]!["tickets"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Compared_with_a_change_the_figures_stand_side_by_side_with_the_tickets_whose_path_changed()
    {
        await _cli.RunAsync("history", "generate", "--out", "history.jsonl", "--tickets", "60", "--days", "5");
        var changed = Path.Combine(_cli.Folder, "changed");
        Directory.CreateDirectory(Path.Combine(changed, "org"));
        foreach (var file in Directory.GetFiles(Path.Combine(_cli.Folder, "workflows", "escalation")).Where(f => !f.EndsWith("retention-fast-lane.json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(changed, Path.GetFileName(file)));
        }

        var (exitCode, output, error) = await _cli.RunAsync("simulate", "--history", "history.jsonl", "--compare", changed, "--json");
        var failing = await _cli.RunAsync("simulate", "--history", "history.jsonl", "--compare", changed, "--fail-on-change");

        Assert.True(exitCode == 0, error);
        var comparison = JsonNode.Parse(output)!["comparison"]!;
        var paths = comparison["changedPaths"]!.AsArray();
        Assert.NotEmpty(paths);
        Assert.Contains(paths, p => p!["before"]!.GetValue<string>().Contains("retention (retention-fast-lane)", StringComparison.Ordinal));
        Assert.Contains(comparison["differences"]!.AsArray(), d => d!["figure"]!.GetValue<string>() == "escalation rate");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("tickets took another path", failing.Output, StringComparison.Ordinal);
        // Figures as people read them, and each side's path on a line of its own.
        Assert.Matches(@"escalation rate\s+│\s+\d+\.\d %", failing.Output);
        Assert.Matches(@"\n    before tier-1 → retention \(retention-fast-lane\)[^\n]*\n    after  tier-1", failing.Output);
    }

    [Fact]
    public async Task A_csv_log_is_read_through_its_mapping_and_unusable_rows_are_counted_by_reason()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "log.csv"), """
            number,at,event,group,agent,text
            INC1,2026-07-01 09:00:00,opened,Service Desk,,I want a refund for the double charge
            INC1,2026-07-01 09:05:00,comment,,,Please hurry
            INC2,2026-07-01 09:10:00,opened,Space Station,,Hello
            INC3,not a time,opened,Service Desk,,Hello
            INC1,2026-07-02 10:00:00,resolved,,ana.kovac,
            """);
        _cli.Write("mapping.json", JsonNode.Parse("""
            {
              "columns": { "ticket": "number", "timestamp": "at", "kind": "event", "group": "group", "agent": "agent", "text": "text", "status": "event" },
              "timestampFormat": "yyyy-MM-dd HH:mm:ss",
              "kinds": { "opened": "created", "comment": "message-added", "resolved": "status-changed" },
              "statuses": { "resolved": "solved" },
              "groups": { "Service Desk": "tier-1" }
            }
            """)!);

        var (exitCode, output, error) = await _cli.RunAsync("simulate", "--history", "log.csv", "--mapping", "mapping.json", "--json");
        var noMapping = await _cli.RunAsync("simulate", "--history", "log.csv");

        Assert.True(exitCode == 0, error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal(1, result["unusable"]!["group 'Space Station' is not mapped to a tier (groups)"]!.GetValue<long>());
        Assert.Equal(1, result["unusable"]!["timestamp is missing or not a time"]!.GetValue<long>());
        Assert.Equal([4L], result["unusableAt"]!["group 'Space Station' is not mapped to a tier (groups)"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Equal([5L], result["unusableAt"]!["timestamp is missing or not a time"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Equal(1, result["report"]!["overall"]!["tickets"]!.GetValue<int>());
        Assert.Equal(2, noMapping.ExitCode);
        Assert.Contains("--mapping", noMapping.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_history_of_which_nothing_can_be_used_fails_and_says_where_each_reason_is()
    {
        var lines = new[] { "not json", "{\"ticketId\":\"T1\"}" }.Concat(Enumerable.Repeat("[1,2]", 7));
        await File.WriteAllLinesAsync(Path.Combine(_cli.Folder, "wrong.jsonl"), lines);

        var (exitCode, output, error) = await _cli.RunAsync("simulate", "--history", "wrong.jsonl");

        Assert.Equal(2, exitCode);
        Assert.Contains("no events of wrong.jsonl replayed", output, StringComparison.Ordinal);
        Assert.Contains("unusable 8: not a JSON object (lines 1, 3, 4, 5, 6, …)", output, StringComparison.Ordinal);
        Assert.Contains("unusable 1: type is missing (line 2)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Tickets", output, StringComparison.Ordinal);
        Assert.Contains("nothing in wrong.jsonl could be replayed: 9 unusable", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xes_log_is_read_with_the_standard_keys()
    {
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "log.xes"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <log xes.version="1.0">
              <trace>
                <string key="concept:name" value="case-1"/>
                <event>
                  <string key="concept:name" value="created"/><date key="time:timestamp" value="2026-07-01T09:00:00Z"/>
                  <string key="org:group" value="tier-1"/><string key="text" value="Cancel my plan"/>
                </event>
                <event>
                  <string key="concept:name" value="message-added"/><date key="time:timestamp" value="2026-07-01T09:01:00Z"/>
                  <string key="text" value="Please cancel"/>
                </event>
                <event><string key="concept:name" value="teleported"/><date key="time:timestamp" value="2026-07-01T09:02:00Z"/></event>
              </trace>
            </log>
            """);
        _cli.Write("xes-mapping.json", JsonNode.Parse("""
            { "columns": { "ticket": "concept:name", "timestamp": "time:timestamp", "kind": "concept:name", "group": "org:group", "agent": "org:resource", "text": "text" },
              "groups": { "tier-1": "tier-1" } }
            """)!);

        var (exitCode, output, error) = await _cli.RunAsync("simulate", "--history", "log.xes", "--mapping", "xes-mapping.json", "--json");

        Assert.True(exitCode == 0, error);
        var result = JsonNode.Parse(output)!;
        Assert.Equal(1, result["unusable"]!["event kind 'teleported' is not mapped (kinds)"]!.GetValue<long>());
        Assert.Equal([13L], result["unusableAt"]!["event kind 'teleported' is not mapped (kinds)"]!.AsArray().Select(n => n!.GetValue<long>()));
        Assert.Equal(1, result["report"]!["overall"]!["escalationRate"]!["numerator"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_ticket_the_history_closed_is_let_go_even_where_the_replay_could_not_close_it()
    {
        // Closed straight from new, which the desk's rules refuse: the replayed ticket stays open, but the history says
        // nothing more happens to it, so its first-response clock must not run on and escalate it days later.
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "history.jsonl"), """
            {"ticketId":"T-1","type":"created","actor":"user:email-gateway","occurredAt":"2026-07-06T09:00:00Z","data":{"subject":"Spam","tier":"tier-1"}}
            {"ticketId":"T-1","type":"status-changed","actor":"agent:mei.chen","occurredAt":"2026-07-06T09:05:00Z","data":{"to":"closed"}}
            {"ticketId":"T-2","type":"created","actor":"user:email-gateway","occurredAt":"2026-07-10T09:00:00Z","data":{"subject":"Login","tier":"tier-1"}}
            """);

        var (exitCode, output, error) = await _cli.RunAsync("simulate", "--history", "history.jsonl", "--json");

        Assert.True(exitCode == 0, error);
        var report = JsonNode.Parse(output)!["report"]!;
        var refused = report["counts"]!["refused"]!.AsObject();
        Assert.Contains(refused, r => r.Key.StartsWith("status-changed: a new ticket cannot become closed", StringComparison.Ordinal));
        Assert.Equal(2, report["overall"]!["tickets"]!.GetValue<int>());
        Assert.Equal(0, report["overall"]!["escalationRate"]!["numerator"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bad_usage_exits_with_2_naming_what_is_wrong()
    {
        var missing = await _cli.RunAsync("simulate", "--history", "nowhere.jsonl");
        var unknownOption = await _cli.RunAsync("simulate", "--history", "x.jsonl", "--bogus");
        var sample = Path.Combine(EscalationCli.Repository(), "workflows", "samples", "history-2026-q3.jsonl.gz");
        var unknownRevision = await _cli.RunAsync("simulate", "--history", sample, "--policies", "not-a-folder-or-revision");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nowhere.jsonl", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownOption.ExitCode);
        Assert.Equal(2, unknownRevision.ExitCode);
    }

    public void Dispose() => _cli.Dispose();
}
