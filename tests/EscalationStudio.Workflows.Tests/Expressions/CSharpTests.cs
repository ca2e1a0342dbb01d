using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.CSharp;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Expressions;

// The only tests that compile C#: the compilation counter they read is the process's, so nothing else may add to it.
public sealed class CSharpTests
{
    private static readonly ScriptLimits Limits = new()
    {
        Timeout = TimeSpan.FromMilliseconds(1500),
        MemoryBytes = 4 * 1024 * 1024,
    };

    private readonly TestEngine _engine = new(limits: Limits);

    private static WorkflowJson Script(string script) => WorkflowJson.Named("CSharp")
        .Variable("v-result", "Result", "Object")
        .Activity("cs", "Elsa.RunCSharp", new JsonObject
        {
            ["script"] = WorkflowJson.Literal(script),
            ["result"] = WorkflowJson.BoundTo("v-result"),
        })
        .Activity("show", "Elsa.WriteLine", new JsonObject { ["text"] = WorkflowJson.Expression("CSharp", "Variables.Result?.ToString() ?? \"(null)\"", "String") })
        .Connect("cs", "show");

    [Fact]
    public async Task A_csharp_expression_gives_its_value_converted_to_the_input_type()
    {
        var workflow = WorkflowJson.Named("Value").Activity("w", "Elsa.WriteLine", new JsonObject
        {
            ["text"] = WorkflowJson.Expression("CSharp", "\"Escalated to tier \" + (1 + 1) + \" after \" + TimeSpan.FromHours(2).TotalMinutes + \" minutes\"", "String"),
        });

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Escalated to tier 2 after 120 minutes"], _engine.Lines.All);
    }

    [Fact]
    public async Task A_script_reads_and_writes_variables_and_reads_the_workflow_input_and_identity()
    {
        var workflow = WorkflowJson.Named("Access")
            .Variable("v-count", "Count", "Int32", "2")
            .Variable("v-result", "Result", "Object")
            .Activity("cs", "Elsa.RunCSharp", new JsonObject
            {
                ["result"] = WorkflowJson.BoundTo("v-result"),
                ["script"] = WorkflowJson.Literal("""
                    Variables.Count = Variables.Count + 1;
                    Variable.Set("Note", $"ticket {Input.TicketId}");
                    return WorkflowInstanceId.Length > 0 ? "ok" : "no instance";
                    """),
            })
            .Activity("show", "Elsa.WriteLine", new JsonObject
            {
                ["text"] = WorkflowJson.Expression("CSharp", "$\"{Variables.Count} {Variable.Get(\"Note\")} {Output.LastResult}\"", "String"),
            })
            .Connect("cs", "show");

        var run = await _engine.RunAsync(workflow, new Dictionary<string, object?> { ["TicketId"] = "T-42" });

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["3 ticket T-42 ok"], _engine.Lines.All);
    }

    [Fact]
    public async Task A_script_chooses_its_outcomes()
    {
        var workflow = WorkflowJson.Named("Outcomes")
            .Activity("cs", "Elsa.RunCSharp", new JsonObject { ["script"] = WorkflowJson.Literal("Outcome.Set(\"Urgent\");") })
            .WriteLine("urgent", "urgent path")
            .WriteLine("done", "done path")
            .Connect("cs", "urgent", "Urgent")
            .Connect("cs", "done");

        await _engine.RunAsync(workflow);

        Assert.Equal(["urgent path"], _engine.Lines.All);
    }

    [Fact]
    public async Task A_compile_error_faults_the_activity_with_an_incident_naming_it_and_the_error()
    {
        var run = await _engine.RunAsync(Script("return Tier + 1;"));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        var incident = Assert.Single(run.Incidents);
        Assert.Equal("cs", incident.ActivityId);
        Assert.StartsWith("C# compile error in activity 'cs': ", incident.Message, StringComparison.Ordinal);
        Assert.Contains("'Tier'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("(line 1, column 8)", incident.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("while (true) { }", "time limit of 1500 ms")]
    [InlineData("var i = 0; again: i++; goto again;", "time limit of 1500 ms")]
    [InlineData("while (true) { try { while (true) { } } catch { } }", "time limit of 1500 ms")]
    [InlineData("int Deeper(int n) => Deeper(n + 1) + 1; return Deeper(0);", "recursed too deeply")]
    [InlineData("Func<int, int> f = null; f = n => f(n + 1) + 1; return f(0);", "recursed too deeply")]
    [InlineData("var kept = new List<string>(); while (true) { kept.Add(new string('x', 10_000)); }", "allocation limit of 4 MB")]
    [InlineData("throw new InvalidOperationException(\"no tier-2 agent\");", "C# error in activity 'cs': InvalidOperationException: no tier-2 agent")]
    public async Task A_script_that_breaks_a_limit_or_throws_faults_only_its_own_instance(string script, string expected)
    {
        var broken = await _engine.RunAsync(Script(script));
        var healthy = await _engine.RunAsync(Script("return \"ok\";"));

        Assert.Equal(WorkflowSubStatus.Faulted, broken.SubStatus);
        var incident = Assert.Single(broken.Incidents);
        Assert.Equal("cs", incident.ActivityId);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowSubStatus.Finished, healthy.SubStatus);
        Assert.Equal(["ok"], _engine.Lines.All);
    }

    [Fact]
    public async Task A_library_call_the_checks_cannot_reach_still_faults_at_the_time_limit_and_its_thread_is_counted_until_it_ends()
    {
        var engine = new TestEngine(limits: Limits with { Timeout = TimeSpan.FromMilliseconds(200) });

        var run = await engine.RunAsync(Script("System.Threading.Thread.Sleep(3_000); return \"late\";"));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Contains("exceeded its time limit of 200 ms", Assert.Single(run.Incidents).Message, StringComparison.Ordinal);
        Assert.True(CSharpEvaluator.RunawayScripts >= 1);
        var ended = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (CSharpEvaluator.RunawayScripts > 0 && DateTime.UtcNow < ended)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, CSharpEvaluator.RunawayScripts);
    }

    [Fact]
    public async Task An_expression_is_compiled_once_and_reused_by_later_runs_and_other_engines()
    {
        await _engine.RunAsync(Script("return \"warm\";")); // compiles the WriteLine's expression, if no earlier test did
        var text = $"return \"compiled once {Guid.NewGuid():N}\";";
        var before = CSharpEvaluator.Compilations;

        await _engine.RunAsync(Script(text));
        await _engine.RunAsync(Script(text));
        await new TestEngine(limits: Limits).RunAsync(Script(text));

        Assert.Equal(before + 1, CSharpEvaluator.Compilations);
        Assert.Equal(3, _engine.Lines.All.Count);
        Assert.StartsWith("compiled once", _engine.Lines.All[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Materializing_a_version_starts_compiling_its_csharp_before_any_run()
    {
        var text = $"return \"precompiled {Guid.NewGuid():N}\";";
        var before = CSharpEvaluator.Compilations;

        _engine.Engine.Materialize(Script(text).Build());

        Assert.True(CSharpEvaluator.Compilations > before);
    }

    [Fact]
    public void With_csharp_turned_off_a_version_using_it_does_not_load_and_each_use_names_its_activity()
    {
        var engine = new TestEngine(limits: Limits with { AllowCSharp = false }).Engine;
        var before = CSharpEvaluator.Compilations;

        var graph = engine.Materialize(Script($"return \"never compiled {Guid.NewGuid():N}\";").Build());

        Assert.False(graph.IsValid);
        Assert.Equal(["cs", "show"], graph.Problems.Select(p => p.ActivityId).Order());
        Assert.All(graph.Problems, p => Assert.Contains("C# is turned off", p.Message, StringComparison.Ordinal));
        Assert.Equal(before, CSharpEvaluator.Compilations);
    }

    [Fact]
    public void With_csharp_turned_off_an_evaluation_is_refused_before_compiling()
    {
        var before = CSharpEvaluator.Compilations;

        var refused = Assert.Throws<ScriptException>(() =>
            new CSharpEvaluator(Limits with { AllowCSharp = false }).Evaluate($"1 + {Guid.NewGuid().GetHashCode()}", typeof(int), null));

        Assert.Contains("C# is turned off", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, CSharpEvaluator.Compilations);
    }
}
