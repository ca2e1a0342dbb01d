using EscalationStudio.Policies.Tests.Briefings;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Tests.Samples;

public sealed class SamplePolicyFilesTests
{
    private static readonly string Folder = Path.Combine(SampleTemplateTests.RepositoryRoot(), "workflows", "escalation");

    public static TheoryData<string> Samples() => [.. SamplePolicies.All().Select(d => d.DefinitionId)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_file_is_exactly_what_the_tests_run(string definitionId)
    {
        var definition = SamplePolicies.All().Single(d => d.DefinitionId == definitionId);
        var file = Path.Combine(Folder, definitionId + ".json");
        var expected = WorkflowDefinitionJson.Write(definition);
        if (Environment.GetEnvironmentVariable("ESCALATION_WRITE_SAMPLES") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(file, expected);
        }

        Assert.True(File.Exists(file), $"{file} is missing; run the tests with ESCALATION_WRITE_SAMPLES=1");
        Assert.Equal(expected, File.ReadAllText(file));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_file_loads_and_publishes_with_the_escalation_activities(string definitionId)
    {
        var definition = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, definitionId + ".json")));
        var engine = new WorkflowEngineBuilder().AddEscalationActivities().Build();
        var graph = engine.Materialize(definition, new PublishedWorkflows());
        Assert.True(graph.IsValid, string.Join("; ", graph.Problems));
        Assert.NotEmpty(engine.GetTriggers(graph));
    }

    /// <summary>
    /// The designer page fits a policy to the canvas as it opens (designer-view.js), so a sample reads on a laptop when
    /// it is not too wide to shrink: at most two rows of three, the trigger first, and room between neighbours for a long
    /// step name (Elsa sizes a node to its name, up to about 300 px) and its outcomes' port labels.
    /// </summary>
    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_file_reads_left_to_right_in_two_rows_with_room_for_port_labels(string definitionId)
    {
        var definition = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, definitionId + ".json")));
        var nodes = definition.Root!["activities"]!.AsArray().Select(a => (
            Trigger: (bool?)a!["customProperties"]?["canStartWorkflow"] == true,
            X: (int)a["metadata"]!["designer"]!["position"]!["x"]!,
            Y: (int)a["metadata"]!["designer"]!["position"]!["y"]!,
            Width: (int)a["metadata"]!["designer"]!["size"]!["width"]!)).ToList();

        Assert.InRange(nodes.Select(n => n.Y).Distinct().Count(), 1, 2);
        Assert.True(nodes[0].Trigger && nodes[0] is { X: 0, Y: 0 }, "the trigger comes first, top left");
        Assert.InRange(nodes.Max(n => n.X + n.Width), 0, 1100);
        foreach (var row in nodes.GroupBy(n => n.Y))
        {
            var ordered = row.OrderBy(n => n.X).ToList();
            Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second.X - (pair.First.X + pair.First.Width) >= 200, $"{definitionId}: no room for a long name and its port labels"));
        }
    }
}
