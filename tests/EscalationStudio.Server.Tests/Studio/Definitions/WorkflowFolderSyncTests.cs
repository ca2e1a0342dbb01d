using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EscalationStudio.Server.Tests.Studio.Definitions;

public sealed class WorkflowFolderSyncTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "escalation-folder-tests", Guid.NewGuid().ToString("N"));
    private readonly InMemoryDefinitionStore store = new();
    private readonly ReplacedTriggers triggers = new();
    private readonly ServiceProvider engine;
    private readonly PublishedWorkflows live;
    private readonly WorkflowFolderSync sync;

    public WorkflowFolderSyncTests()
    {
        Directory.CreateDirectory(folder);
        engine = new ServiceCollection().AddSingleton<ITriggerStore>(triggers).AddWorkflowEngine().BuildServiceProvider();
        live = engine.GetRequiredService<PublishedWorkflows>();
        sync = new WorkflowFolderSync(new WorkflowFolder(folder), store, engine.GetRequiredService<WorkflowRuntime>(), [new FlowchartStructureValidator()], new DefinitionWriteLock());
    }

    [Fact]
    public async Task A_bad_file_is_reported_by_file_and_activity_and_the_good_ones_go_live()
    {
        Write("good.json", Policy("good"));
        await File.WriteAllTextAsync(Path.Combine(folder, "not-json.json"), "{ nope");
        var dangling = Policy("dangling");
        dangling.Root!["connections"]!.AsArray().Add(ElsaApi.Connection("write1", "Done", "ghost"));
        Write("dangling.json", dangling);

        var problems = await sync.SynchronizeAsync();

        Assert.NotNull(live.FindPublished("good"));
        Assert.Null(live.FindPublished("dangling"));
        Assert.Contains(problems, p => p.File == "not-json.json" && p.Activity is null);
        Assert.Contains(problems, p => p.File == "dangling.json" && p.Activity == "write1" && p.Reason.Contains("ghost"));
    }

    [Fact]
    public async Task A_file_over_the_name_limit_or_with_text_no_store_takes_is_skipped_with_a_problem_naming_the_field()
    {
        var longName = Policy("long-name");
        longName.Name = new string('n', DefinitionLimits.NameLength + 1);
        Write("long-name.json", longName);
        var withNul = Policy("with-nul");
        withNul.Description = "a\0b";
        Write("with-nul.json", withNul);
        await File.WriteAllTextAsync(Path.Combine(folder, "lone.json"), WorkflowDefinitionJson.Write(Policy("lone")).Replace("\"Made by a test\"", "\"\\ud800\"", StringComparison.Ordinal));
        Write("good.json", Policy("good"));

        var problems = await sync.SynchronizeAsync();

        Assert.NotNull(live.FindPublished("good"));
        Assert.Null(live.FindPublished("long-name"));
        Assert.Null(live.FindPublished("with-nul"));
        Assert.Null(live.FindPublished("lone"));
        Assert.Contains(problems, p => p.File == "long-name.json" && p.Reason.StartsWith("name: must be at most", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "with-nul.json" && p.Reason.Contains("NUL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "lone.json" && p.Reason.StartsWith("description:", StringComparison.Ordinal));
        Assert.Empty(await store.ListVersionsAsync("long-name"));
    }

    [Fact]
    public async Task Two_files_with_one_definition_id_keep_the_first_and_report_the_second()
    {
        Write("a.json", Policy("same"));
        Write("b.json", Policy("same"));

        var problems = await sync.SynchronizeAsync();

        Assert.Equal("a.json", sync.FileOf("same"));
        Assert.Contains(problems, p => p.File == "b.json" && p.Reason.Contains("already used by a.json"));
    }

    [Fact]
    public async Task Changes_are_read_once_the_folder_has_been_quiet_for_the_debounce_period()
    {
        var time = new FakeTimeProvider();
        using var watcher = new WorkflowFolderWatcher(sync, time, TimeSpan.FromMilliseconds(300));
        var synchronized = new TaskCompletionSource<IReadOnlyList<WorkflowFileProblem>>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Synchronized += (_, problems) => synchronized.TrySetResult(problems);
        Write("burst.json", Policy("burst"));

        watcher.Touch();
        time.Advance(TimeSpan.FromMilliseconds(200));
        watcher.Touch();
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(synchronized.Task.IsCompleted);
        Assert.Null(live.FindPublished("burst"));
        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Empty(await synchronized.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(live.FindPublished("burst"));
    }

    [Fact]
    public async Task Publishing_writes_a_stable_pretty_file_and_keeps_an_existing_file_name()
    {
        Write("hand-named.json", Policy("named"));
        await sync.SynchronizeAsync();
        var renamed = Policy("named");
        renamed.Name = "A completely new name";

        var file = sync.WriteFile(renamed);

        Assert.Equal("hand-named.json", file);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, file!));
        Assert.Equal(WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Parse(text)), text);
        Assert.Contains("\n  \"name\": \"A completely new name\",\n", text);
    }

    [Fact]
    public async Task The_runtime_hears_only_real_changes_of_the_published_set()
    {
        Write("p.json", Policy("p"));

        await sync.SynchronizeAsync();
        await sync.SynchronizeAsync();
        File.Delete(Path.Combine(folder, "p.json"));
        await sync.SynchronizeAsync();

        Assert.Equal(2, triggers.Changes.Count);
        Assert.Equal(("p", 1), triggers.Changes[0]);
        Assert.Equal(("p", 0), triggers.Changes[1]);
    }

    [Fact]
    public async Task On_a_shared_store_a_policy_missing_from_this_folder_copy_is_written_from_the_store_not_retracted()
    {
        await store.SaveAsync([Policy("elsewhere")]);
        sync.SharedStore = true;

        Assert.Empty(await sync.SynchronizeAsync());
        await sync.ReconcileWithStoreAsync();

        Assert.True(Assert.Single(await store.ListVersionsAsync("elsewhere")).IsPublished);
        var file = Assert.Single(Directory.GetFiles(folder, "*.json"));
        Assert.Equal("elsewhere", WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(file)).DefinitionId);
    }

    [Fact]
    public async Task On_a_shared_store_an_old_copy_of_a_file_does_not_roll_the_policy_back_and_is_rewritten()
    {
        var v1 = Policy("moved-on");
        var v2 = DefinitionVersioning.DraftOf([v1], "moved-on-v2", v1.CreatedAt.AddDays(1));
        v2.Description = "version 2, published on another node";
        await store.SaveAsync(DefinitionVersioning.Publish([v1], v2).Append(v1).ToList());
        Write("moved-on.json", Policy("moved-on"));
        sync.SharedStore = true;

        await sync.SynchronizeAsync();
        await sync.ReconcileWithStoreAsync();

        Assert.Equal([false, true], (await store.ListVersionsAsync("moved-on")).Select(v => v.IsPublished));
        var file = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "moved-on.json")));
        Assert.Equal((2, "version 2, published on another node", true), (file.Version, file.Description, file.IsPublished));
    }

    [Fact]
    public async Task On_a_shared_store_a_file_removed_while_this_node_watches_retracts_the_policy()
    {
        Write("p.json", Policy("p"));
        sync.SharedStore = true;
        await sync.SynchronizeAsync();
        File.Delete(Path.Combine(folder, "p.json"));

        await sync.SynchronizeAsync();

        Assert.False(Assert.Single(await store.ListVersionsAsync("p")).IsPublished);
        Assert.Null(live.FindPublished("p"));
    }

    [Fact]
    public async Task A_node_that_does_not_hold_the_folder_neither_writes_nor_imports_it()
    {
        Write("p.json", Policy("p"));
        sync.SharedStore = true;
        sync.WritesFolder = false;

        Assert.Empty(await sync.SynchronizeAsync());
        Assert.Null(sync.WriteFile(Policy("q")));

        Assert.Empty(await store.ListVersionsAsync("p"));
        Assert.False(File.Exists(Path.Combine(folder, "q.json")));
    }

    private void Write(string name, WorkflowDefinition definition) =>
        File.WriteAllText(Path.Combine(folder, name), WorkflowDefinitionJson.Write(definition));

    private static WorkflowDefinition Policy(string definitionId)
    {
        var definition = DefinitionModelsFor.Policy(definitionId, definitionId);
        definition.IsPublished = true;
        return definition;
    }

    /// <summary>Every publish and retract replaces the definition's indexed triggers: what the runtime was told.</summary>
    private sealed class ReplacedTriggers : ITriggerStore
    {
        private readonly InMemoryTriggerStore inner = new();

        public List<(string DefinitionId, int Triggers)> Changes { get; } = [];

        public ValueTask ReplaceAsync(string workflowDefinitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default)
        {
            Changes.Add((workflowDefinitionId, triggers.Count));
            return inner.ReplaceAsync(workflowDefinitionId, triggers, cancellationToken);
        }

        public ValueTask<IReadOnlyList<StoredTrigger>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) => inner.FindByHashAsync(hash, cancellationToken);

        public ValueTask<IReadOnlyList<StoredTrigger>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    }

    public void Dispose()
    {
        engine.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
