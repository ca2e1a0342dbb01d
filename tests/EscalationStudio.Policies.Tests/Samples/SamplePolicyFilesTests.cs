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
}
