using System.Diagnostics;
using System.Text.Json.Nodes;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Engine throughput, kept under a minute: a 50-activity flowchart run in-process (activities per second and bytes
/// allocated per activity, with Literal and with JavaScript conditions), and instance save/load per second on a
/// SQLite file through the EF store.
/// </summary>
internal static class EngineBenchmark
{
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(5);

    public static async Task RunAsync()
    {
        Console.WriteLine("Engine benchmark (Release, single thread)");
        await MeasureFlowchartAsync("50-activity flowchart, literal inputs", EngineWorkflows.Chain(50, javaScript: false));
        await MeasureFlowchartAsync("50-activity flowchart, JavaScript conditions", EngineWorkflows.Chain(50, javaScript: true));
        await MeasureSqliteAsync();
    }

    private static async Task MeasureFlowchartAsync(string name, WorkflowDefinition definition)
    {
        var services = new ServiceCollection().AddSingleton<ITextSink>(new NullSink()).BuildServiceProvider();
        var engine = new WorkflowEngineBuilder().Build(services);
        var graph = engine.Materialize(definition);
        var perRun = (await engine.StartAsync(graph)).CompletedActivityIds.Count;
        for (var i = 0; i < 200; i++)
        {
            await engine.StartAsync(graph);
        }

        var runs = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Measure)
        {
            await engine.StartAsync(graph);
            runs++;
        }

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var activities = (double)runs * perRun;
        Console.WriteLine($"  {name}: {activities / clock.Elapsed.TotalSeconds:N0} activities/s " +
                          $"({runs / clock.Elapsed.TotalSeconds:N0} instances/s, {perRun} activities each incl. flowchart and root), " +
                          $"{allocated / activities:N0} bytes allocated per activity");
    }

    private static async Task MeasureSqliteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"engine-benchmark-{Guid.NewGuid():N}.db");
        try
        {
            await using var services = new ServiceCollection()
                .AddEscalationPersistence()
                .Configure<EscalationDatabaseOptions>(o => o.ConnectionString = $"Data Source={path}")
                .AddWorkflowEngine()
                .AddWorkflowPersistence()
                .BuildServiceProvider();
            await services.MigrateEscalationDatabaseAsync();
            var engine = services.GetRequiredService<WorkflowEngine>();
            var store = services.GetRequiredService<IWorkflowInstanceStore>();
            var state = (await engine.StartAsync(engine.Materialize(EngineWorkflows.Waiting()))).State;
            var size = WorkflowStateJson.Serialize(state).Length;

            var saves = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < Measure)
            {
                await store.SaveAsync(state with { Id = $"bench-{saves++}" });
            }

            var savesPerSecond = saves / clock.Elapsed.TotalSeconds;
            var loads = 0;
            clock.Restart();
            while (clock.Elapsed < Measure)
            {
                _ = await store.FindAsync($"bench-{loads++ % saves}") ?? throw new InvalidOperationException("lost an instance");
            }

            Console.WriteLine($"  SQLite instance store ({size:N0}-byte state): {savesPerSecond:N0} saves/s (insert), {loads / clock.Elapsed.TotalSeconds:N0} loads/s");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private sealed class NullSink : ITextSink
    {
        public void WriteLine(string text)
        {
        }
    }
}
