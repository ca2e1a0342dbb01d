using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tests.Workflows;

public sealed class PostgresWorkflowRunStoreTests
{
    private static readonly DateTimeOffset Started = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    private static WorkflowState Instance(params string[] bookmarkIds) => new()
    {
        Id = "pg-run",
        DefinitionId = "policy",
        DefinitionVersionId = "policy-v1",
        DefinitionVersion = 1,
        CorrelationId = "ticket-1",
        Status = WorkflowStatus.Running,
        SubStatus = WorkflowSubStatus.Suspended,
        Bookmarks = [.. bookmarkIds.Select(b => new Bookmark
        {
            Id = b, Name = "TicketChanged", Hash = "pg-hash-" + b, ActivityId = "wait", ActivityNodeId = "flowchart:wait", ActivityInstanceId = "ctx-" + b,
            CreatedAt = Started, DueAt = b == "timer" ? Started.AddMinutes(5) : null,
        })],
        CreatedAt = Started,
        UpdatedAt = Started,
    };

    private static List<StoredBookmark> StoredOf(WorkflowState state) =>
        [.. state.Bookmarks.Select(b => new StoredBookmark(b, state.Id, state.DefinitionVersionId, state.CorrelationId))];

    [PostgresFact]
    public async Task A_new_run_and_its_resumption_are_saved_with_their_bookmarks_on_postgresql()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var instances = database.Services.GetRequiredService<IWorkflowInstanceStore>();
        var bookmarks = database.Services.GetRequiredService<IBookmarkStore>();
        var runs = Assert.IsAssignableFrom<IWorkflowRunStore>(instances);
        var started = Instance("watch", "timer");

        await runs.SaveRunAsync(started, StoredOf(started), StoredInstance.New);

        Assert.Equal(["timer", "watch"], (await instances.FindAsync("pg-run"))!.Bookmarks.Select(b => b.Id).Order());
        var due = Assert.Single(await bookmarks.ListDueAsync(Started.AddMinutes(5)));
        Assert.Equal(Started.AddMinutes(5), due.Bookmark.DueAt);

        var resumed = Instance("watch") with { UpdatedAt = Started.AddMinutes(6) };
        await runs.SaveRunAsync(resumed, StoredOf(resumed), StoredInstance.Existing);

        Assert.Empty(await bookmarks.ListDueAsync(Started.AddMinutes(5)));
        Assert.Equal("watch", Assert.Single(await bookmarks.FindByHashesAsync(["pg-hash-watch", "pg-hash-timer"])).Bookmark.Id);
        Assert.Equal(Started.AddMinutes(6), Assert.Single(await instances.ListAsync(new WorkflowInstanceQuery())).UpdatedAt);
    }
}
