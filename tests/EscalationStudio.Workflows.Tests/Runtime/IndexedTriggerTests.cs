using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Runtime;

/// <summary>The runtime's in-memory copy of the trigger index: current after its own publishes, and after a while after another node's.</summary>
public sealed class IndexedTriggerTests
{
    private readonly TestEngine _test = new();
    private readonly CountingTriggerStore _store = new();

    private WorkflowRuntime NewNode() =>
        new(_test.Engine, new PublishedWorkflows(), new InMemoryWorkflowInstanceStore(), new InMemoryBookmarkStore(), _store,
            new InMemoryIncidentStore(), new InProcessInstanceLock());

    private static WorkflowDefinition OnRefund(string name = "On refund") => WorkflowJson.Named(name)
        .Activity("refund", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("RefundRequested") }, canStartWorkflow: true)
        .WriteLine("say", "Refund requested")
        .Connect("refund", "say")
        .Build();

    [Fact]
    public async Task Listing_twice_reads_the_store_once()
    {
        var runtime = NewNode();
        await runtime.PublishAsync(OnRefund());

        var first = await runtime.ListTriggersAsync();
        var second = await runtime.ListTriggersAsync();

        Assert.Single(first);
        Assert.Same(first, second);
        Assert.Equal(1, _store.Lists);
    }

    [Fact]
    public async Task Publishing_and_retracting_on_this_node_show_at_once()
    {
        var runtime = NewNode();
        Assert.Empty(await runtime.ListTriggersAsync());

        var definition = OnRefund();
        await runtime.PublishAsync(definition);
        Assert.Equal("refund", Assert.Single(await runtime.ListTriggersAsync()).Trigger.ActivityId);
        Assert.Single((await runtime.SendStimulusAsync(Stimulus.Event("RefundRequested"))).Started);

        await runtime.RetractAsync(definition.DefinitionId);
        Assert.Empty(await runtime.ListTriggersAsync());
        Assert.Empty((await runtime.SendStimulusAsync(Stimulus.Event("RefundRequested"))).Started);
    }

    [Fact]
    public async Task A_publish_on_another_node_is_seen_after_the_refresh_interval()
    {
        var publisher = NewNode();
        var other = NewNode();
        Assert.Empty(await other.ListTriggersAsync());

        await publisher.PublishAsync(OnRefund());
        _test.Time.Advance(IndexedTriggers.RefreshInterval - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await other.ListTriggersAsync());

        _test.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Single(await other.ListTriggersAsync());
    }

    private sealed class CountingTriggerStore : ITriggerStore
    {
        private readonly InMemoryTriggerStore _inner = new();

        public int Lists { get; private set; }

        public ValueTask ReplaceAsync(string workflowDefinitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default) =>
            _inner.ReplaceAsync(workflowDefinitionId, triggers, cancellationToken);

        public ValueTask<IReadOnlyList<StoredTrigger>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
            _inner.FindByHashAsync(hash, cancellationToken);

        public ValueTask<IReadOnlyList<StoredTrigger>> ListAsync(CancellationToken cancellationToken = default)
        {
            Lists++;
            return _inner.ListAsync(cancellationToken);
        }
    }
}
