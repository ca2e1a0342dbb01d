using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tests.Workflows;

/// <summary>The EF instance store saving a run (instance and bookmarks together) on a real SQLite file.</summary>
public sealed class SqliteWorkflowRunStoreTests : SqliteWorkflowDatabase
{
    private static readonly DateTimeOffset Started = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private IWorkflowRunStore Runs => (IWorkflowRunStore)Instances;
    private IWorkflowInstanceStore Instances => Services.GetRequiredService<IWorkflowInstanceStore>();
    private IBookmarkStore Bookmarks => Services.GetRequiredService<IBookmarkStore>();

    private static WorkflowState Instance(string id, WorkflowSubStatus subStatus, params string[] bookmarkIds) => new()
    {
        Id = id,
        DefinitionId = "policy",
        DefinitionVersionId = "policy-v1",
        DefinitionVersion = 1,
        CorrelationId = "ticket-1",
        Status = subStatus == WorkflowSubStatus.Finished ? WorkflowStatus.Finished : WorkflowStatus.Running,
        SubStatus = subStatus,
        Bookmarks = [.. bookmarkIds.Select(b => new Bookmark
        {
            Id = b, Name = "TicketChanged", Hash = "hash-" + b, ActivityId = "wait", ActivityNodeId = "flowchart:wait", ActivityInstanceId = "ctx-" + b, CreatedAt = Started,
        })],
        CreatedAt = Started,
        UpdatedAt = Started,
    };

    private static List<StoredBookmark> StoredOf(WorkflowState state) =>
        [.. state.Bookmarks.Select(b => new StoredBookmark(b, state.Id, state.DefinitionVersionId, state.CorrelationId))];

    private async Task<List<string>> BookmarkIdsAsync(params string[] bookmarkIds) =>
        [.. (await Bookmarks.FindByHashesAsync([.. bookmarkIds.Select(b => "hash-" + b)])).Select(b => b.Bookmark.Id).Order()];

    [Fact]
    public async Task A_new_instance_is_stored_with_its_bookmarks()
    {
        var state = Instance("i1", WorkflowSubStatus.Suspended, "b1", "b2");

        await Runs.SaveRunAsync(state, StoredOf(state), StoredInstance.New);

        Assert.Equal(["b1", "b2"], (await Instances.FindAsync("i1"))!.Bookmarks.Select(b => b.Id));
        Assert.Equal(["b1", "b2"], await BookmarkIdsAsync("b1", "b2"));
    }

    [Fact]
    public async Task An_existing_instance_is_updated_and_only_the_bookmarks_that_changed_are_replaced()
    {
        var before = Instance("i1", WorkflowSubStatus.Suspended, "b1", "b2");
        await Runs.SaveRunAsync(before, StoredOf(before), StoredInstance.New);
        var after = Instance("i1", WorkflowSubStatus.Suspended, "b2", "b3") with { UpdatedAt = Started.AddMinutes(5) };

        await Runs.SaveRunAsync(after, StoredOf(after), StoredInstance.Existing);

        var stored = await Instances.FindAsync("i1");
        Assert.Equal(["b2", "b3"], stored!.Bookmarks.Select(b => b.Id));
        Assert.Equal(Started.AddMinutes(5), stored.UpdatedAt);
        Assert.Equal(["b2", "b3"], await BookmarkIdsAsync("b1", "b2", "b3"));
        Assert.Equal(Started.AddMinutes(5), Assert.Single(await Instances.ListAsync(new WorkflowInstanceQuery())).UpdatedAt);
    }

    [Fact]
    public async Task An_existing_instance_that_is_no_longer_stored_is_refused_and_none_of_its_bookmarks_are_written()
    {
        var gone = Instance("deleted-meanwhile", WorkflowSubStatus.Suspended, "b1");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => Runs.SaveRunAsync(gone, StoredOf(gone), StoredInstance.Existing).AsTask());

        Assert.Null(await Instances.FindAsync("deleted-meanwhile"));
        Assert.Empty(await BookmarkIdsAsync("b1"));
    }

    [Fact]
    public async Task An_instance_of_unknown_state_is_inserted_once_and_then_updated()
    {
        var first = Instance("chosen-id", WorkflowSubStatus.Suspended, "b1");
        await Runs.SaveRunAsync(first, StoredOf(first), StoredInstance.Unknown);
        var finished = Instance("chosen-id", WorkflowSubStatus.Finished);

        await Runs.SaveRunAsync(finished, StoredOf(finished), StoredInstance.Unknown);

        var listed = Assert.Single(await Instances.ListAsync(new WorkflowInstanceQuery()));
        Assert.Equal(WorkflowSubStatus.Finished, listed.SubStatus);
        Assert.Empty(await BookmarkIdsAsync("b1"));
    }
}
