using System.Diagnostics;
using EscalationStudio.Workflows.Expressions.CSharp;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Expressions.Liquid;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// What C# and Liquid expressions cost (run in a fresh process, so the first compilation is cold): the first C#
/// compilation (Roslyn loads and JITs), a later one, a cached evaluation (its own thread and budget included), the
/// same for Liquid and, for scale, JavaScript; and how JavaScript evaluations fare while a cold C# compilation runs.
/// </summary>
internal static class ExpressionBenchmark
{
    private const int Evaluations = 2_000;

    public static void Run()
    {
        Console.WriteLine($"Expression benchmark (Release; load average {LoadAverage()})");
        var limits = new ScriptLimits();
        var javaScript = new JavaScriptEvaluator(limits);
        javaScript.Evaluate("1 + 1", typeof(object), null);

        // Other work while the first C# compilation runs: it compiles on a thread of its own, never the pool's.
        var first = Stopwatch.StartNew();
        CSharpEvaluator.Precompile("return \"Escalated to \" + \"tier-2\";");
        var during = new List<double>();
        var csharp = new CSharpEvaluator(limits);
        var compiled = Task.Run(() => csharp.Evaluate("return \"Escalated to \" + \"tier-2\";", typeof(string), null));
        while (!compiled.IsCompleted)
        {
            var one = Stopwatch.StartNew();
            javaScript.Evaluate("'tier-' + (1 + 1)", typeof(string), null);
            during.Add(one.Elapsed.TotalMilliseconds);
        }

        compiled.Wait();
        var firstCompile = first.Elapsed;
        during.Sort();
        Console.WriteLine($"  C# first compilation and run (cold compiler): {firstCompile.TotalMilliseconds:N0} ms");
        Console.WriteLine($"  JavaScript evaluations meanwhile: {during.Count:N0}, p50 {Percentile(during, 0.5):N2} ms, p99 {Percentile(during, 0.99):N2} ms");

        var second = Stopwatch.StartNew();
        csharp.Evaluate("return Enumerable.Range(1, 10).Sum() > 50 ? \"tier-2\" : \"tier-1\";", typeof(string), null);
        Console.WriteLine($"  C# later compilation and run (warm compiler): {second.Elapsed.TotalMilliseconds:N0} ms");

        Report("C# cached evaluation", () => csharp.Evaluate("return Enumerable.Range(1, 10).Sum() > 50 ? \"tier-2\" : \"tier-1\";", typeof(string), null));

        var liquid = new LiquidEvaluator(limits);
        var liquidFirst = Stopwatch.StartNew();
        liquid.Evaluate("Moved to {{ 'tier-2' | upcase }} after {{ 2 | plus: 1 }} h", typeof(string), null);
        Console.WriteLine($"  Liquid first parse and render: {liquidFirst.Elapsed.TotalMilliseconds:N1} ms");
        Report("Liquid cached render", () => liquid.Evaluate("Moved to {{ 'tier-2' | upcase }} after {{ 2 | plus: 1 }} h", typeof(string), null));
        const string SumToTen = "(function () { var s = 0; for (var i = 1; i <= 10; i++) s += i; return s > 50 ? 'tier-2' : 'tier-1'; })()";
        Report("JavaScript cached evaluation (for scale)", () => javaScript.Evaluate(SumToTen, typeof(string), null));
    }

    private static void Report(string name, Action evaluate)
    {
        for (var i = 0; i < 200; i++)
        {
            evaluate();
        }

        var times = new List<double>(Evaluations);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Evaluations; i++)
        {
            var one = Stopwatch.StartNew();
            evaluate();
            times.Add(one.Elapsed.TotalMicroseconds);
        }

        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Evaluations;
        times.Sort();
        Console.WriteLine($"  {name}: p50 {Percentile(times, 0.5):N0} µs, p99 {Percentile(times, 0.99):N0} µs, {bytes:N0} bytes allocated by the caller per evaluation");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
