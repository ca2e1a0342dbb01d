using System.Diagnostics;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.State;
using EscalationStudio.Workflows.Tests.Support;
using Jint;

namespace EscalationStudio.Workflows.Tests.Expressions;

/// <summary>
/// Scripts that used to end the process (a stack overflow copying a cyclic or very deep value) or to take far more
/// than their limits (one statement allocating a gigabyte, a regular expression running 10 s against a 2 s limit):
/// each now faults only its own activity, with an incident naming the activity and the limit.
/// </summary>
public sealed class ScriptSandboxTests
{
    private static readonly ScriptLimits Limits = new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        MemoryBytes = 16 * 1024 * 1024,
        MaxStringLength = 1_000_000,
        MaxArrayLength = 100_000,
    };

    /// <summary>A small time limit, to see how close to it a runaway regular expression is stopped.</summary>
    private static readonly ScriptLimits Quick = Limits with { Timeout = TimeSpan.FromMilliseconds(300) };

    private const string DeepArray = "var x = []; for (var i = 0; i < 50000; i++) x = [x];";

    private readonly TestEngine _engine = new(limits: Limits);

    private static WorkflowJson Script(string script) => WorkflowJson.Named("Script")
        .Variable("v-result", "Result", "Object")
        .Activity("js", "Elsa.RunJavaScript", new JsonObject
        {
            ["script"] = WorkflowJson.Literal(script),
            ["result"] = WorkflowJson.BoundTo("v-result"),
        })
        .WriteLine("after", "ran on")
        .Connect("js", "after");

    [Theory]
    [InlineData("var a = {}; a.self = a; a", "refers back to itself (value.self is value)")]
    [InlineData("var a = { tier: { name: 'L2' } }; a.tier.owner = a; return a;", "refers back to itself (value.tier.owner is value)")]
    [InlineData("var a = []; a.push(1, a); a", "refers back to itself (value[1] is value)")]
    [InlineData(DeepArray + " x", "more than 32 levels deep (value[0][0][0][0][0][0][0]…)")]
    [InlineData("var a = {}; a.self = a; setVariable('Result', a); 'stored'", "The value the JavaScript in activity 'js' sets to variable 'Result' cannot be kept")]
    [InlineData("var a = {}; a.self = a; variables.Result = a; 'stored'", "sets to variable 'Result' cannot be kept: it refers back to itself")]
    [InlineData("var a = {}; a.self = a; setResult(a); 'stored'", "sets to variable 'Result' cannot be kept: it refers back to itself")]
    [InlineData(DeepArray + " setVariable('Result', x); 'stored'", "sets to variable 'Result' cannot be kept: it nests objects and arrays more than 32 levels deep")]
    [InlineData("var a = {}; a.self = a; toJson(a)", "passes to toJson cannot be kept: it refers back to itself")]
    [InlineData("var x = [0]; for (var i = 0; i < 30; i++) x = [x, x]; x", "holds more than 100,000 values")]
    public async Task A_value_that_cannot_be_kept_faults_its_activity_and_names_it(string script, string expected)
    {
        var broken = await _engine.RunAsync(Script(script));
        var healthy = await _engine.RunAsync(Script("return { tier: 'L2' };"));

        Assert.Equal(WorkflowSubStatus.Faulted, broken.SubStatus);
        var incident = Assert.Single(broken.Incidents);
        Assert.Equal("js", incident.ActivityId);
        Assert.Contains("activity 'js'", incident.Message, StringComparison.Ordinal);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
        Assert.Equal(WorkflowSubStatus.Finished, healthy.SubStatus);
        Assert.Equal(["ran on"], _engine.Lines.All);
    }

    [Fact]
    public async Task A_deep_array_used_as_text_inside_the_script_is_a_javascript_error_not_a_stack_overflow()
    {
        var run = await _engine.RunAsync(Script(DeepArray + " String(x).length"));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Contains("Maximum call stack size exceeded", Assert.Single(run.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_and_nested_values_up_to_the_depth_limit_are_kept_and_the_state_round_trips()
    {
        var run = await _engine.RunAsync(Script("""
            var shared = { tier: 'L2' };
            var deep = 'bottom';
            for (var i = 0; i < 31; i++) deep = [deep];
            return { first: shared, second: shared, deep: deep };
            """));

        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        var json = WorkflowStateJson.Serialize(run.State);
        var restored = WorkflowStateJson.Deserialize(json);
        Assert.Equal(json, WorkflowStateJson.Serialize(restored));
        Assert.Contains("\"bottom\"", json, StringComparison.Ordinal);
        Assert.Equal(2, json.Split("\"tier\":\"L2\"").Length - 1);
    }

    [Fact]
    public async Task A_getter_on_the_result_runs_under_the_scripts_limits()
    {
        var engine = new TestEngine(limits: Quick with { MaxStatements = int.MaxValue - 1 });
        var started = Stopwatch.GetTimestamp();
        var run = await engine.RunAsync(Script("({ get forever() { var i = 0; while (true) { i++; } } })"));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Contains("exceeded its time limit of 300 ms", Assert.Single(run.Incidents).Message, StringComparison.Ordinal);
        Assert.True(Stopwatch.GetElapsedTime(started) < 2 * Quick.Timeout + TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("/(a+)+$/.test('a'.repeat(40) + '!')")]
    [InlineData("new RegExp('(a+)+$').test('a'.repeat(40) + '!')")]
    [InlineData("'a'.repeat(40).concat('!').replace(/(a+)+$/, 'x')")]
    public async Task A_catastrophic_regular_expression_stops_near_the_time_limit_and_says_so(string script)
    {
        var engine = new TestEngine(limits: Quick);
        await engine.RunAsync(Script("return /a+/.test('aaa');"));
        var started = Stopwatch.GetTimestamp();
        var run = await engine.RunAsync(Script(script));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        var incident = Assert.Single(run.Incidents);
        Assert.Contains("The JavaScript in activity 'js' exceeded its time limit of 300 ms in a regular expression.", incident.Message, StringComparison.Ordinal);
        Assert.True(elapsed < 2 * Quick.Timeout, $"the run took {elapsed.TotalMilliseconds:0} ms against a limit of {Quick.Timeout.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData("'x'.repeat(500000000)", "repeat would build a string of 500,000,000 characters")]
    [InlineData("'x'.repeat(1000).repeat(1000000)", "repeat would build")]
    [InlineData("'x'.padEnd(300000000)", "padEnd would build")]
    [InlineData("'x'.padStart(300000000, 'ab')", "padStart would build")]
    [InlineData("var s = 'x'.repeat(1000); Array(50000).fill(s).join('')", "join would build")]
    [InlineData("var s = 'x'.repeat(1000); String(Array(50000).fill(s))", "join would build")]
    [InlineData("var s = 'x'.repeat(1000); Array(50000).fill(s).toLocaleString()", "toLocaleString would build")]
    [InlineData("var s = 'x'.repeat(900000); var inner = [s]; Array(10000).fill(inner).join()", "join would build")]
    [InlineData("var s = 'x'.repeat(1000); String.prototype.concat.apply('', Array(50000).fill(s))", "concat would build")]
    [InlineData("'x'.repeat(1000000).replaceAll('x', 'x'.repeat(200))", "replaceAll would build")]
    [InlineData("'x'.repeat(10000).replace(/x/g, '$&'.repeat(200))", "replace would build")]
    [InlineData("'x'.repeat(20000).replace(/x/g, \"$'\")", "replace would build")]
    [InlineData("var s = 'x'.repeat(10000); 'x'.repeat(100000).replace(/x/g, function () { return s; })", "replace would build")]
    [InlineData("var s = 'x'.repeat(10000); /x/g[Symbol.replace]('x'.repeat(100000), s)", "replace would build")]
    [InlineData("var s = 'x'.repeat(1000); JSON.stringify(Array(50000).fill(s))", "JSON.stringify would build")]
    [InlineData("var s = 'x'.repeat(1000); JSON.stringify(Array(1000).fill({ a: s, b: s }), null, 2)", "JSON.stringify would build")]
    [InlineData("var s = 'x'.repeat(1000); String.raw({ raw: Array(50000).fill(s) })", "String.raw would build")]
    [InlineData("encodeURIComponent('\\u00e9'.repeat(900000))", "encodeURIComponent would build")]
    public void One_statement_cannot_build_a_string_past_the_limit(string script, string expected)
    {
        var evaluator = new JavaScriptEvaluator(Limits);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<ScriptException>(() => evaluator.Evaluate(script, typeof(object), null));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Contains("exceeded its string length limit of 1,000,000 characters", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        // Sixteen megabytes of script memory plus one refused step, not the hundreds of megabytes the string would take.
        Assert.True(allocated < 64 * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Theory]
    [InlineData("new Array(50000000)", "array size limit of 100,000 elements")]
    [InlineData("Array.from({ length: 50000000 })", "array size limit of 100,000 elements")]
    [InlineData("'x'.repeat(200000).split('')", "array size limit of 100,000 elements")]
    [InlineData("new Uint8Array(500000000)", "Uint8Array is not a constructor")]
    [InlineData("new ArrayBuffer(500000000)", "ArrayBuffer is not a constructor")]
    [InlineData("new ShadowRealm().evaluate(\"'x'.repeat(500000000).length\")", "ShadowRealm is not a constructor")]
    [InlineData("new Intl.ListFormat().format(Array(50000).fill('x'.repeat(1000)))", "is not a constructor")]
    [InlineData("var a = []; while (true) a.push('x'.repeat(10000));", "memory limit of 16 MB")]
    public void Arrays_and_buffers_stay_within_the_limits(string script, string expected)
    {
        var evaluator = new JavaScriptEvaluator(Limits);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var refused = Assert.Throws<ScriptException>(() => evaluator.Evaluate(script, typeof(object), null));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < 64 * 1024 * 1024);
    }

    /// <summary>The guarded built-ins answer exactly what Jint's own do.</summary>
    [Theory]
    [InlineData("'ab'.repeat(3)")]
    [InlineData("'ab'.padStart(6, '-') + 'ab'.padEnd(5) + '|' + 'abc'.padEnd(2)")]
    [InlineData("'a'.concat('b', 1, null, undefined, [2, 3])")]
    [InlineData("'John Smith'.replace(/(\\w+)\\s(\\w+)/, '$2, $1')")]
    [InlineData("'aaa'.replace(/a/g, '$&$&') + 'abc'.replace('b', \"[$`|$']\") + 'x'.replace('x', '$$') + 'x'.replace('x', '$1$0$')")]
    [InlineData("'2024-05'.replace(/(?<y>\\d+)-(?<m>\\d+)/, '$<m>/$<y>$<none>') + '2024'.replace(/(\\d)(\\d)(\\d)(\\d)/, '$4$3$2$1$11$04')")]
    [InlineData("'a-b-c'.replaceAll('-', '+') + 'a-b-c'.replaceAll(/-/g, (m, at) => '[' + m + at + ']') + 'abc'.replace('', '^')")]
    [InlineData("'vip VIP'.replace(/vip/gi, function (m, at, s) { return m.toLowerCase() + at + s.length; })")]
    [InlineData("[1, [2, 3], null, undefined, 'x'].join(';') + [1, 2].join() + [].join() + String([1, [2, [3]]])")]
    [InlineData("var c = [1]; c.push(c, 2); c.join('-')")]
    [InlineData("Array.prototype.join.call({ length: 3, 0: 'a', 2: 'c' }, '+') + Array.prototype.join.call('abc', '.')")]
    [InlineData("[1234.5, 'a', null].toLocaleString()")]
    [InlineData("JSON.stringify({ b: 1, a: [1, 'two', null, true, { c: undefined }], d: new Date(0) }, null, 2)")]
    [InlineData("JSON.stringify({ b: 1, a: 2, c: { a: 3, z: 4 } }, ['a', 'c', 'b'])")]
    [InlineData("JSON.stringify({ b: 1, a: 2 }, (k, v) => typeof v === 'number' ? v * 10 : v, '--')")]
    [InlineData("JSON.stringify({ toJSON() { return { x: 'y\\n\\u0001\"' }; } }) + JSON.stringify('s') + JSON.stringify(undefined)")]
    [InlineData("String.raw`a\\n${1}b${2}` + String.raw({ raw: ['x', 'y', 'z'] }, 1)")]
    [InlineData("encodeURIComponent('a b/é') + encodeURI('http://x/a b') + escape('a b')")]
    public void Guarded_built_ins_answer_as_the_originals(string script)
    {
        var expected = new Engine().Evaluate(script).ToString();

        var actual = new JavaScriptEvaluator(Limits).Evaluate(script, typeof(string), null);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("'x'.repeat(1000000).length", 1_000_000)]
    [InlineData("Array(60000).fill(12).join().length", 179_999)]
    [InlineData("JSON.stringify(Array(50000).fill('ab')).length", 250_001)]
    [InlineData("'ab'.repeat(200000).replace(/a/g, 'A').replaceAll('b', 'B').length", 400_000)]
    [InlineData("'ab'.repeat(400000).replace(/a/g, '').length", 400_000)]
    [InlineData("'ab'.repeat(2000).replace(/(a)(?<b>b)/g, '$<b>$1').replace(/b/g, () => 'c').length", 4_000)]
    [InlineData("encodeURIComponent('ab'.repeat(400000)).length", 800_000)]
    public void Large_strings_under_the_limit_are_built(string script, double length)
    {
        Assert.Equal(length, new JavaScriptEvaluator(Limits).Evaluate(script, typeof(double), null));
    }

    [Fact]
    public void Limits_that_cannot_work_are_refused_by_name()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => (Limits with { MaxValueDepth = 100 }).Validate());

        Assert.Contains("ScriptLimits.MaxValueDepth must be between 1 and 48", refused.Message, StringComparison.Ordinal);
    }
}
