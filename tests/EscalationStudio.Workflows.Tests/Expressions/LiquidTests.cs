using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Expressions;

public sealed class LiquidTests
{
    private readonly TestEngine _engine = new(limits: new ScriptLimits
    {
        Timeout = TimeSpan.FromSeconds(5),
        MaxStatements = 10_000,
        RecursionDepth = 20,
        MaxStringLength = 10_000,
    });

    private static WorkflowJson Template(string liquid) => WorkflowJson.Named("Liquid")
        .Variable("v-tier", "Tier", "String", "tier-2")
        .Variable("v-hours", "Hours", "Int32", "2")
        .Activity("note", "Elsa.WriteLine", new JsonObject { ["text"] = WorkflowJson.Expression("Liquid", liquid, "String") });

    [Fact]
    public async Task A_liquid_expression_renders_variables_input_and_the_instance_identity()
    {
        var run = await _engine.RunAsync(
            Template("Moved to {{ Variables.Tier | upcase }} after {{ Variables.Hours | plus: 1 }} h for {{ Input.Customer }}{% if WorkflowInstanceId != empty %}.{% endif %}"),
            new Dictionary<string, object?> { ["Customer"] = "Jo Park" });

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Moved to TIER-2 after 3 h for Jo Park."], _engine.Lines.All);
    }

    [Theory]
    [InlineData("{% for i in (1..100000000) %}x{% endfor %}", "broke a limit")]
    [InlineData("{% for i in (1..9000) %}{{ 'abcdefghij' }}{% endfor %}", "broke a limit")]
    [InlineData("{% if Variables.Tier == %}x{% endif %}", "Liquid syntax error in activity 'note'")]
    public async Task A_template_that_breaks_a_limit_or_does_not_parse_faults_its_activity(string liquid, string expected)
    {
        var broken = await _engine.RunAsync(Template(liquid));
        var healthy = await _engine.RunAsync(Template("{{ Variables.Tier }}"));

        Assert.Equal(WorkflowSubStatus.Faulted, broken.SubStatus);
        var incident = Assert.Single(broken.Incidents);
        Assert.Equal("note", incident.ActivityId);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
        Assert.Equal(["tier-2"], _engine.Lines.All);
    }
}
