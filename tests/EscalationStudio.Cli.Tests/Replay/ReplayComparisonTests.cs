using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Cli.Tests.Replay;

/// <summary>
/// <see cref="ReplayComparison"/> replays its two sides at once (<c>simulate --compare</c>, and Studio's What-if where
/// the server has the cores): the answer must be the one the sides give one after the other.
/// </summary>
public sealed class ReplayComparisonTests
{
    [Fact]
    public async Task Both_sides_at_once_answer_exactly_as_one_after_the_other()
    {
        var baseline = SampleRepository.PublishedPolicies();
        var candidate = baseline.Where(p => p.DefinitionId != "retention-fast-lane").ToList();
        var oneAfterTheOther = new RecordedProgress();
        var atOnce = new RecordedProgress();

        var sequential = await CompareAsync(baseline, candidate, entries: 3_000, oneAfterTheOther, sidesAtOnce: 1);
        var concurrent = await CompareAsync(baseline, candidate, entries: 3_000, atOnce, sidesAtOnce: 2);

        Assert.NotEmpty(concurrent.ChangedPaths);
        Assert.Equal(Normalize(sequential), Normalize(concurrent));
        foreach (var progress in new[] { oneAfterTheOther, atOnce })
        {
            // Both sides together, never going back, whichever side reported last.
            Assert.Equal(6_000, progress.Values[^1]);
            Assert.Equal(progress.Values.Order(), progress.Values);
        }
    }

    [Fact]
    public async Task A_side_whose_policy_does_not_load_fails_with_its_own_error_and_stops_the_other()
    {
        var baseline = SampleRepository.PublishedPolicies();
        var broken = WorkflowDefinitionJson.FromJson(WithUnknownActivity(WorkflowDefinitionJson.ToJson(baseline[0], includeSchema: true)));
        var progress = new RecordedProgress();

        var entries = await SampleRepository.History().ReadAsync().CountAsync();

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            CompareAsync(baseline, [broken, .. baseline.Skip(1)], entries: int.MaxValue, progress, sidesAtOnce: 2));

        Assert.Contains("Elsa.NotInThisRuntime", error.Message, StringComparison.Ordinal);
        // The baseline side was cancelled, not replayed to the end.
        var replayed = progress.Values.LastOrDefault();
        Assert.True(replayed < entries, $"the other side replayed {replayed} of {entries} entries");
    }

    private static Task<ComparedReplays> CompareAsync(
        IReadOnlyList<WorkflowDefinition> baseline, IReadOnlyList<WorkflowDefinition> candidate, int entries, IProgress<long> progress, int sidesAtOnce)
    {
        var history = SampleRepository.History();
        return ReplayComparison.CompareAsync(
            SampleRepository.Org(),
            SampleRepository.Templates(),
            baseline,
            candidate,
            () => history.ReadAsync().Take(entries),
            progress,
            sidesAtOnce: sidesAtOnce);
    }

    private static JsonObject WithUnknownActivity(JsonObject definition)
    {
        var activity = definition["root"]!["activities"]!.AsArray().First(a => a!["type"]!.GetValue<string>() != "Elsa.Flowchart")!;
        activity["type"] = "Elsa.NotInThisRuntime";
        return definition;
    }

    private static string Normalize(ComparedReplays compared) =>
        JsonSerializer.Serialize(compared with { Before = compared.Before.WithSortedPaths(), After = compared.After.WithSortedPaths() }, Terminal.Json);

    /// <summary>Records each report as it is made (<see cref="Progress{T}"/> would post them, out of order, to the pool).</summary>
    private sealed class RecordedProgress : IProgress<long>
    {
        private readonly List<long> _values = [];

        public List<long> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public void Report(long value)
        {
            lock (_values)
            {
                _values.Add(value);
            }
        }
    }
}
