using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Expressions;

public sealed class JavaScriptTests
{
    private readonly TestEngine _engine = new(limits: new ScriptLimits
    {
        Timeout = TimeSpan.FromSeconds(5),
        MaxStatements = 10_000,
        RecursionDepth = 50,
        MemoryBytes = 4 * 1024 * 1024,
    });

    private static WorkflowJson Script(string script) => WorkflowJson.Named("Script")
        .Variable("v-result", "Result", "Object")
        .Activity("js", "Elsa.RunJavaScript", new JsonObject
        {
            ["script"] = WorkflowJson.Literal(script),
            ["result"] = WorkflowJson.BoundTo("v-result"),
        })
        .WriteLineScript("show", "toJson(getResult())")
        .Connect("js", "show");

    [Fact]
    public async Task Elsa_globals_and_accessors_are_available_and_top_level_return_is_allowed()
    {
        var run = await _engine.RunAsync(Script("""
            setVariable('Result', 1);
            if (isNullOrWhiteSpace('  ') && getWorkflowInstanceId().length > 0) {
                return { tier: 'L2', count: getVariable('Result') + 1, id: newGuid().length };
            }
            return null;
            """));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["{\"tier\":\"L2\",\"count\":2,\"id\":36}"], _engine.Lines.All);
    }

    [Theory]
    [InlineData("while (true) {}", "statements")]
    [InlineData("function f(n) { return f(n + 1); } f(0);", "recursion")]
    [InlineData("let s = 'x'; const a = []; while (true) { a.push(s = s + s); }", "limit")]
    [InlineData("return importNamespace('System.IO').File.ReadAllText('/etc/passwd');", "JavaScript error")]
    [InlineData("return {", "syntax error")]
    public async Task A_script_that_breaks_a_limit_faults_only_its_own_instance(string script, string expectedMessage)
    {
        var broken = await _engine.RunAsync(Script(script));
        var healthy = await _engine.RunAsync(Script("return 'ok'"));

        Assert.Equal(WorkflowSubStatus.Faulted, broken.SubStatus);
        Assert.Contains(expectedMessage, Assert.Single(broken.Incidents).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("js", broken.Incidents[0].ActivityId);
        Assert.Equal(WorkflowSubStatus.Finished, healthy.SubStatus);
        Assert.Equal(["\"ok\""], _engine.Lines.All);
    }

    [Fact]
    public async Task The_variables_object_reads_and_writes_workflow_variables()
    {
        var run = await _engine.RunAsync(Script("variables.Result = 41; variables.Result = variables.Result + 1; return variables.Result;"));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["42"], _engine.Lines.All);
    }

    [Fact]
    public async Task Run_javascript_can_choose_its_outcome()
    {
        var workflow = WorkflowJson.Named("Outcome")
            .Activity("js", "Elsa.RunJavaScript", new JsonObject { ["script"] = WorkflowJson.Literal("setOutcome('Urgent')") })
            .WriteLine("urgent", "Urgent").WriteLine("done", "Normal")
            .Connect("js", "urgent", "Urgent").Connect("js", "done");

        await _engine.RunAsync(workflow);

        Assert.Equal(["Urgent"], _engine.Lines.All);
    }
}
