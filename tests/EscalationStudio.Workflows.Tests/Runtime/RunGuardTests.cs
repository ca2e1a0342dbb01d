using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Runtime;

/// <summary>How the runtime treats a definition an <see cref="IWorkflowRunGuard"/> holds back, and what it reports to it.</summary>
public sealed class RunGuardTests
{
    private readonly TestEngine _test = new();
    private readonly InMemoryBookmarkStore _bookmarks = new();
    private readonly HoldingGuard _guard = new();
    private readonly WorkflowRuntime _runtime;

    public RunGuardTests() =>
        _runtime = new WorkflowRuntime(_test.Engine, _test.Published, new InMemoryWorkflowInstanceStore(), _bookmarks,
            new InMemoryTriggerStore(), new InMemoryIncidentStore(), new InProcessInstanceLock(), runGuard: _guard);

    private static WorkflowJson CoolsDown() => WorkflowJson.Named("Cool down")
        .Activity("refund", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("RefundRequested") }, canStartWorkflow: true)
        .Activity("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = WorkflowJson.Literal("00:30:00", "TimeSpan") })
        .WriteLine("after", "Cooled down")
        .Connect("refund", "wait").Connect("wait", "after");

    [Fact]
    public async Task A_held_definition_starts_nothing_resumes_nothing_and_keeps_its_bookmarks_until_let_go()
    {
        var definition = CoolsDown().Build();
        await _runtime.PublishAsync(definition);
        var started = Assert.Single((await _runtime.SendStimulusAsync(Stimulus.Event("RefundRequested"))).Started);
        _test.Time.Advance(TimeSpan.FromMinutes(30));
        var due = Assert.Single(await _bookmarks.ListDueAsync(_test.Time.GetUtcNow()));

        _guard.Hold("cool-down");

        Assert.Empty(await _runtime.ListTriggersAsync());
        Assert.False((await _runtime.SendStimulusAsync(Stimulus.Event("RefundRequested"))).MatchedAnything);
        Assert.Equal("cool-down", (await Assert.ThrowsAsync<WorkflowHeldException>(() => _runtime.StartAsync(definition.Id))).DefinitionId);
        Assert.Equal(BookmarkResumptionOutcome.Held, (await _runtime.ResumeAsync(due)).Outcome);
        Assert.Null(await _runtime.ResumeBookmarkAsync(due.Bookmark.Id));
        Assert.Single(await _bookmarks.ListDueAsync(_test.Time.GetUtcNow()));
        Assert.Empty(_test.Lines.All);

        _guard.LetGo("cool-down");

        Assert.Single(await _runtime.ListTriggersAsync());
        var resumed = await _runtime.ResumeAsync(due);
        Assert.Equal(BookmarkResumptionOutcome.Resumed, resumed.Outcome);
        Assert.Equal(["Cooled down"], _test.Lines.All);
        Assert.Equal([started.State.Id, started.State.Id], _guard.Saved.Select(s => s.State.Id));
    }

    [Fact]
    public async Task A_run_is_reported_once_saved_with_the_state_before_it()
    {
        var definition = WorkflowJson.Named("Broken")
            .Activity("refund", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("RefundRequested") }, canStartWorkflow: true)
            .Activity("js", "Elsa.RunJavaScript", new JsonObject { ["script"] = WorkflowJson.Literal("var a = {}; a.self = a; a") })
            .Connect("refund", "js")
            .Build();
        await _runtime.PublishAsync(definition);

        await _runtime.SendStimulusAsync(Stimulus.Event("RefundRequested"));

        var saved = Assert.Single(_guard.Saved);
        Assert.Equal(WorkflowSubStatus.Faulted, saved.SubStatus);
        Assert.Equal("js", Assert.Single(saved.Incidents).ActivityId);
        Assert.Empty(_guard.Failed);
    }

    [Fact]
    public async Task A_run_that_cannot_be_saved_is_reported_as_failed_and_still_throws()
    {
        var runtime = new WorkflowRuntime(_test.Engine, _test.Published, new UnwritableInstances(), _bookmarks,
            new InMemoryTriggerStore(), new InMemoryIncidentStore(), new InProcessInstanceLock(), runGuard: _guard);
        var definition = CoolsDown().Build();
        await runtime.PublishAsync(definition);

        await Assert.ThrowsAsync<IOException>(() => runtime.StartAsync(definition.Id, new StartWorkflowRequest { InstanceId = "i-1" }));

        var failed = Assert.Single(_guard.Failed);
        Assert.Equal("cool-down", failed.DefinitionId);
        Assert.Equal("disk full", failed.Error.Message);
        Assert.Empty(_guard.Saved);
    }

    private sealed class UnwritableInstances : IWorkflowInstanceStore
    {
        public ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default) => throw new IOException("disk full");

        public ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) => ValueTask.FromResult<WorkflowState?>(null);

        public ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<WorkflowInstanceSummary>>([]);
    }

    private sealed class HoldingGuard : IWorkflowRunGuard
    {
        private readonly HashSet<string> _held = [];

        public event EventHandler? HoldsChanged;

        public List<WorkflowRunResult> Saved { get; } = [];

        public List<(string DefinitionId, Exception Error)> Failed { get; } = [];

        public void Hold(string definitionId)
        {
            _held.Add(definitionId);
            HoldsChanged?.Invoke(this, EventArgs.Empty);
        }

        public void LetGo(string definitionId)
        {
            _held.Remove(definitionId);
            HoldsChanged?.Invoke(this, EventArgs.Empty);
        }

        public bool Admits(string definitionId) => !_held.Contains(definitionId);

        public ValueTask RunSavedAsync(WorkflowRunResult result, WorkflowState? previous, CancellationToken cancellationToken = default)
        {
            Saved.Add(result);
            return ValueTask.CompletedTask;
        }

        public ValueTask RunFailedAsync(string definitionId, string instanceId, Exception error, CancellationToken cancellationToken = default)
        {
            Failed.Add((definitionId, error));
            return ValueTask.CompletedTask;
        }
    }
}
