using System.Text.Json.Nodes;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EscalationStudio.Workflows.Tests.Runtime;

/// <summary>A waiting instance, its bookmarks, triggers and incidents survive a restart on a real SQLite file.</summary>
public sealed class SqliteRestartTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"escalation-engine-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly CapturedLines _lines = new();

    private static WorkflowDefinition AwaitReply() => WorkflowJson.Named("Await customer reply")
        .Variable("v-reply", "Reply", "Object")
        .WriteLine("asked", "Asked customer")
        .Activity("reply", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("CustomerReplied"), ["result"] = WorkflowJson.BoundTo("v-reply") })
        .Activity("sla", "Elsa.Delay", new JsonObject { ["timeSpan"] = WorkflowJson.Literal("04:00:00", "TimeSpan") })
        .WriteLineScript("answered", "'Customer said ' + getReply().text")
        .Connect("asked", "reply").Connect("asked", "sla").Connect("reply", "answered")
        .Build();

    private ServiceProvider StartHost()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddSingleton<ITextSink>(_lines)
            .AddEscalationPersistence()
            .Configure<EscalationDatabaseOptions>(o => o.ConnectionString = $"Data Source={_path};Pooling=False")
            .AddWorkflowEngine()
            .AddWorkflowPersistence();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_suspended_instance_survives_a_restart_and_resumes_from_the_database()
    {
        string instanceId;
        var definition = AwaitReply();
        await using (var before = StartHost())
        {
            await before.MigrateEscalationDatabaseAsync();
            var runtime = before.GetRequiredService<WorkflowRuntime>();
            await runtime.PublishAsync(definition);
            var started = await runtime.StartAsync(definition.Id);
            Assert.Equal(WorkflowSubStatus.Suspended, started.SubStatus);
            instanceId = started.State.Id;
        }

        await using var after = StartHost();
        var restarted = after.GetRequiredService<WorkflowRuntime>();
        await restarted.PublishAsync(AwaitReply());
        var due = await after.GetRequiredService<IBookmarkStore>().ListDueAsync(_time.GetUtcNow().AddHours(4));
        Assert.Equal("sla", Assert.Single(due).Bookmark.ActivityId);

        var result = await restarted.SendStimulusAsync(Stimulus.Event("CustomerReplied", new Dictionary<string, object?> { ["text"] = "thanks" }));

        var resumed = Assert.Single(result.Resumed);
        Assert.Equal(instanceId, resumed.State.Id);
        Assert.Equal(["Asked customer", "Customer said thanks"], _lines.All);
        var stored = await restarted.FindInstanceAsync(instanceId);
        Assert.Equal(WorkflowSubStatus.Suspended, stored!.SubStatus);
        Assert.Equal("sla", Assert.Single(stored.Bookmarks).ActivityId);
        var listed = await after.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new WorkflowInstanceQuery { SubStatus = WorkflowSubStatus.Suspended });
        Assert.Equal(instanceId, Assert.Single(listed).Id);
        Assert.Empty(await after.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new WorkflowInstanceQuery { DefinitionId = "another" }));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }
}
