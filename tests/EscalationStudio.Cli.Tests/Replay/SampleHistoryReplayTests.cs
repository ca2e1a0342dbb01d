using System.Text.Json;
using EscalationStudio.Cli.Tests.Commands;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Tests.Replay;

/// <summary>
/// The replay's figures, counts and every ticket's path for the first weeks of the shipped sample history are the
/// checked-in file <c>sample-history-replay.approved.json</c> beside this test. The replay is made faster by shortcuts
/// (indexed stores, no thread hops, rules parsed once); none may change what it answers, and this test says so to
/// the ticket.
/// </summary>
/// <remarks>
/// The file was first approved with the replay as it was before those shortcuts, and none of them changed it; it was
/// approved again when the sample history was generated anew (a change of the input, not of the replay). To approve an
/// intended change of the policies, the org directory, the templates, the sample history or the replay's rules, run the
/// test with <c>ESCALATION_APPROVE_SNAPSHOTS=1</c> and commit the file's diff with the change.
/// </remarks>
public sealed class SampleHistoryReplayTests
{
    private const string ApproveVariable = "ESCALATION_APPROVE_SNAPSHOTS";

    // 8,000 events of about 1,000 tickets: every policy acts, timers fire across weekends, and the test takes seconds.
    private const int Entries = 8_000;

    private static readonly string ApprovedFile = Path.Combine(EscalationCli.Repository(),
        "tests", "EscalationStudio.Cli.Tests", "Replay", "sample-history-replay.approved.json");

    private static readonly JsonSerializerOptions Indented = new(Terminal.Json) { WriteIndented = true };

    [Fact]
    public async Task Replaying_the_sample_history_gives_the_approved_figures_and_paths()
    {
        var replay = new HistoryReplay(SampleRepository.Org(), SampleRepository.Templates(), SampleRepository.PublishedPolicies())
        {
            KeepPaths = true,
        };
        var history = SampleRepository.History();

        var report = await replay.RunAsync(history.ReadAsync().Take(Entries));

        var received = Normalize(report);
        if (Environment.GetEnvironmentVariable(ApproveVariable) is "1" or "true")
        {
            await File.WriteAllTextAsync(ApprovedFile, received);
        }

        var approved = File.Exists(ApprovedFile) ? (await File.ReadAllTextAsync(ApprovedFile)).ReplaceLineEndings("\n") : string.Empty;
        Assert.Equal(Entries, report.Counts.Events);
        Assert.True(report.Paths!.Values.Any(p => p.Contains("(retention-fast-lane)", StringComparison.Ordinal)), "the sample's retention cases move tickets");
        Assert.True(approved == received, $"The replay of the sample history differs from {ApprovedFile}; first differing line: {FirstDifference(approved, received)}");
    }

    private static string Normalize(ReplayReport report) => JsonSerializer.Serialize(report.WithSortedPaths(), Indented).ReplaceLineEndings("\n") + "\n";

    private static string FirstDifference(string approved, string received)
    {
        var before = approved.Split('\n');
        var after = received.Split('\n');
        for (var line = 0; line < Math.Max(before.Length, after.Length); line++)
        {
            var was = line < before.Length ? before[line] : "(end)";
            var now = line < after.Length ? after[line] : "(end)";
            if (was != now)
            {
                return $"line {line + 1}: approved {was.Trim()} / received {now.Trim()}";
            }
        }

        return "none";
    }
}
