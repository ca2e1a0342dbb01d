using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Runtime;

public sealed class StimulusTests
{
    private readonly TestEngine _test = new();
    private readonly InMemoryBookmarkStore _bookmarks = new();
    private readonly WorkflowRuntime _runtime;

    public StimulusTests() =>
        _runtime = new WorkflowRuntime(_test.Engine, _test.Published, new InMemoryWorkflowInstanceStore(), _bookmarks,
            new InMemoryTriggerStore(), new InMemoryIncidentStore(), new InProcessInstanceLock());

    private static WorkflowJson WaitsForReply(string name = "Await reply") => WorkflowJson.Named(name)
        .WriteLine("before", "Waiting")
        .Activity("reply", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("CustomerReplied") })
        .WriteLine("after", "Replied")
        .Connect("before", "reply").Connect("reply", "after");

    [Fact]
    public async Task An_event_mid_flow_suspends_and_the_matching_stimulus_resumes_it()
    {
        var definition = WaitsForReply().Build();
        await _runtime.PublishAsync(definition);

        var started = await _runtime.StartAsync(definition.Id);
        Assert.Equal(WorkflowSubStatus.Suspended, started.SubStatus);
        var bookmark = Assert.Single(started.Bookmarks);
        Assert.Equal("Elsa.Event", bookmark.Name);

        var result = await _runtime.SendStimulusAsync(Stimulus.Event("CustomerReplied"));

        var resumed = Assert.Single(result.Resumed);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Equal(["Waiting", "Replied"], _test.Lines.All);
        Assert.Empty(await _bookmarks.FindByHashAsync(bookmark.Hash));
    }

    [Fact]
    public async Task A_stimulus_with_another_payload_matches_nothing()
    {
        var definition = WaitsForReply().Build();
        await _runtime.PublishAsync(definition);
        await _runtime.StartAsync(definition.Id);

        var result = await _runtime.SendStimulusAsync(Stimulus.Event("AgentReplied"));

        Assert.False(result.MatchedAnything);
    }

    [Fact]
    public async Task A_published_trigger_starts_a_new_instance_at_the_trigger_with_the_payload()
    {
        var definition = WorkflowJson.Named("On refund request")
            .Variable("v-payload", "Payload", "Object")
            .WriteLine("unrelated", "Not the start")
            .Activity("refund", "Elsa.Event", new JsonObject
            {
                ["eventName"] = WorkflowJson.Literal("RefundRequested"),
                ["result"] = WorkflowJson.BoundTo("v-payload"),
            }, canStartWorkflow: true)
            .WriteLineScript("say", "'Refund of ' + getPayload().amount")
            .Connect("refund", "say")
            .Build();
        await _runtime.PublishAsync(definition);

        var result = await _runtime.SendStimulusAsync(Stimulus.Event("RefundRequested", new Dictionary<string, object?> { ["amount"] = 120 }));

        var run = Assert.Single(result.Started);
        Assert.Equal(WorkflowSubStatus.Finished, run.SubStatus);
        Assert.Equal(["Refund of 120"], _test.Lines.All);
    }

    [Fact]
    public async Task Trigger_hash_matches_elsas_algorithm()
    {
        Assert.Equal("66A53643AF18D54235260621DF6F596E4ACCEF8D5F124595F2E0582A01676A19",
            StimulusHasher.Hash("Elsa.Event", new EventStimulus("OrderReceived")));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Retracting_removes_triggers_and_unpublished_versions_index_none()
    {
        var definition = WorkflowJson.Named("Triggered")
            .Activity("go", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("Go") }, canStartWorkflow: true)
            .Build();
        await _runtime.PublishAsync(definition);
        await _runtime.RetractAsync(definition.DefinitionId);

        var result = await _runtime.SendStimulusAsync(Stimulus.Event("Go"));

        Assert.Empty(result.Started);
    }

    [Fact]
    public async Task Two_stimuli_at_once_resume_a_bookmark_only_once()
    {
        var definition = WaitsForReply().Build();
        await _runtime.PublishAsync(definition);
        await _runtime.StartAsync(definition.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _runtime.SendStimulusAsync(Stimulus.Event("CustomerReplied")))));

        Assert.Equal(1, results.Sum(r => r.Resumed.Count));
        Assert.Equal(["Waiting", "Replied"], _test.Lines.All);
    }

    [Fact]
    public async Task A_delay_bookmark_carries_its_due_time_and_resumes_by_id()
    {
        var definition = WorkflowJson.Named("Cool down")
            .Activity("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = WorkflowJson.Literal("00:30:00", "TimeSpan") })
            .WriteLine("after", "Cooled down")
            .Connect("wait", "after")
            .Build();
        await _runtime.PublishAsync(definition);

        var started = await _runtime.StartAsync(definition.Id);
        var bookmark = Assert.Single(started.Bookmarks);
        Assert.Equal(_test.Time.GetUtcNow().AddMinutes(30), bookmark.DueAt);
        Assert.Empty(await _bookmarks.ListDueAsync(_test.Time.GetUtcNow().AddMinutes(29)));

        _test.Time.Advance(TimeSpan.FromMinutes(30));
        var due = Assert.Single(await _bookmarks.ListDueAsync(_test.Time.GetUtcNow()));
        var resumed = await _runtime.ResumeBookmarkAsync(due.Bookmark.Id);

        Assert.Equal(WorkflowSubStatus.Finished, resumed!.SubStatus);
        Assert.Equal(["Cooled down"], _test.Lines.All);
        Assert.Null(await _runtime.ResumeBookmarkAsync(due.Bookmark.Id));
    }

    [Fact]
    public async Task An_instance_stays_on_the_version_it_started_with()
    {
        var v1 = WaitsForReply("Versioned").Build();
        await _runtime.PublishAsync(v1);
        var started = await _runtime.StartAsync(v1.Id);

        var v2 = WorkflowJson.Named("Versioned")
            .Activity("reply", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("CustomerReplied") })
            .WriteLine("after", "Version 2")
            .Connect("reply", "after").Build();
        v2.Id = "versioned-v2";
        v2.Version = 2;
        await _runtime.PublishAsync(v2);

        await _runtime.SendStimulusAsync(Stimulus.Event("CustomerReplied"));

        var state = await _runtime.FindInstanceAsync(started.State.Id);
        Assert.Equal(v1.Id, state!.DefinitionVersionId);
        Assert.Equal(["Waiting", "Replied"], _test.Lines.All);
    }

    [Fact]
    public async Task A_cancelled_instance_drops_its_bookmarks_and_ignores_later_stimuli()
    {
        var definition = WaitsForReply().Build();
        await _runtime.PublishAsync(definition);
        var started = await _runtime.StartAsync(definition.Id);

        var cancelled = await _runtime.CancelAsync(started.State.Id);
        var later = await _runtime.SendStimulusAsync(Stimulus.Event("CustomerReplied"));

        Assert.Equal((WorkflowStatus.Finished, WorkflowSubStatus.Cancelled), (cancelled!.Status, cancelled.SubStatus));
        Assert.False(later.MatchedAnything);
        Assert.Equal(["Waiting"], _test.Lines.All);
    }

    [Fact]
    public async Task A_correlated_stimulus_resumes_only_the_instance_of_its_correlation()
    {
        var definition = WaitsForReply().Build();
        await _runtime.PublishAsync(definition);
        var ticket1 = await _runtime.StartAsync(definition.Id, new StartWorkflowRequest { CorrelationId = "ticket-1" });
        var ticket2 = await _runtime.StartAsync(definition.Id, new StartWorkflowRequest { CorrelationId = "ticket-2" });

        var result = await _runtime.SendStimulusAsync(Stimulus.Event("CustomerReplied") with { CorrelationId = "ticket-2" });

        Assert.Equal(ticket2.State.Id, Assert.Single(result.Resumed).State.Id);
        Assert.Equal(WorkflowSubStatus.Suspended, (await _runtime.FindInstanceAsync(ticket1.State.Id))!.SubStatus);
    }

    [Fact]
    public async Task Publishing_a_new_version_replaces_the_triggers_of_the_old_one()
    {
        WorkflowJson Version(string line) => WorkflowJson.Named("Keyword policy", "keyword-policy")
            .Activity("go", "Elsa.Event", new JsonObject { ["eventName"] = WorkflowJson.Literal("KeywordDetected") }, canStartWorkflow: true)
            .WriteLine("say", line).Connect("go", "say");
        var v1 = Version("Version 1").Build();
        var v2 = Version("Version 2").Build();
        v2.Id = "keyword-policy-v2";
        v2.Version = 2;
        await _runtime.PublishAsync(v1);
        await _runtime.PublishAsync(v2);

        var result = await _runtime.SendStimulusAsync(Stimulus.Event("KeywordDetected"));

        Assert.Equal(v2.Id, Assert.Single(result.Started).State.DefinitionVersionId);
        Assert.Equal(["Version 2"], _test.Lines.All);
        Assert.True(v1.IsPublished);
    }
}
