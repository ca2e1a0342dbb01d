using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tests.Workflows;

/// <summary>The EF bookmark store on a real SQLite file.</summary>
public sealed class SqliteBookmarkStoreTests : SqliteWorkflowDatabase
{
    private IBookmarkStore Store => Services.GetRequiredService<IBookmarkStore>();

    private static StoredBookmark Waiting(string instanceId, string id, string hash) => new(
        new Bookmark
        {
            Id = id,
            Name = "TicketChanged",
            Hash = hash,
            ActivityId = "wait",
            ActivityNodeId = "flowchart:wait",
            ActivityInstanceId = "ctx-" + id,
            CreatedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
        },
        instanceId, "policy-v1", "ticket-" + hash);

    [Fact]
    public async Task Hash_lists_of_different_sizes_each_find_exactly_their_bookmarks()
    {
        await Store.ReplaceAsync("i1", [Waiting("i1", "b1", "h1"), Waiting("i1", "b2", "h2")]);
        await Store.ReplaceAsync("i2", [Waiting("i2", "b3", "h3")]);

        Assert.Equal(["b1"], (await Store.FindByHashesAsync(["h1"])).Select(b => b.Bookmark.Id));
        Assert.Equal(["b1", "b2", "b3"], (await Store.FindByHashesAsync(["h3", "h1", "h2", "h1", "nothing"])).Select(b => b.Bookmark.Id).Order());
        Assert.Equal(["b2"], (await Store.FindByHashesAsync(["h2", "nothing"])).Select(b => b.Bookmark.Id));
        Assert.Empty(await Store.FindByHashesAsync([]));
        Assert.Equal("i2", Assert.Single(await Store.FindByHashesAsync(["h3"])).WorkflowInstanceId);
    }
}
