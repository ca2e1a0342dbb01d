using System.Text.Json;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class EfBookmarkStore(DatabaseScope database) : IBookmarkStore
{
    public async ValueTask ReplaceAsync(string workflowInstanceId, IReadOnlyList<StoredBookmark> bookmarks, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            await StageReplaceAsync(db, workflowInstanceId, bookmarks, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        });

    /// <summary>Stages the bookmark diff against the stored rows, of which only the ids are read.</summary>
    internal static async Task StageReplaceAsync(EscalationDbContext db, string instanceId, IReadOnlyList<StoredBookmark> bookmarks, CancellationToken cancellationToken)
    {
        var (gone, added) = await DiffAsync(db, instanceId, bookmarks, cancellationToken);
        var rows = db.Set<WorkflowBookmarkRecord>();
        rows.RemoveRange(gone);
        rows.AddRange(added);
    }

    /// <summary>
    /// The stored rows the instance no longer has (as keys: the other required members are placeholders nobody reads) and
    /// the rows of its new bookmarks; only the stored ids are read.
    /// </summary>
    internal static async Task<(List<WorkflowBookmarkRecord> Gone, List<WorkflowBookmarkRecord> Added)> DiffAsync(
        EscalationDbContext db, string instanceId, IReadOnlyList<StoredBookmark> bookmarks, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in CompiledQueries<WorkflowQueries>.For(db).BookmarkIds(db, instanceId).WithCancellation(cancellationToken))
        {
            existing.Add(id);
        }

        var wanted = bookmarks.Select(b => b.Bookmark.Id).ToHashSet(StringComparer.Ordinal);
        var gone = existing.Where(id => !wanted.Contains(id)).Select(id => new WorkflowBookmarkRecord
        {
            Id = id,
            WorkflowInstanceId = instanceId,
            DefinitionVersionId = "",
            Name = "",
            Hash = "",
            ActivityInstanceId = "",
            Data = "",
        }).ToList();
        return (gone, [.. bookmarks.Where(b => !existing.Contains(b.Bookmark.Id)).Select(ToRecord)]);
    }

    public async ValueTask<IReadOnlyList<StoredBookmark>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        await QueryAsync(b => b.Hash == hash, cancellationToken);

    public async ValueTask<IReadOnlyList<StoredBookmark>> FindByHashesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        // One query on the Hash index; an empty list would make the provider send an always-false query, so skip it.
        if (hashes.Count == 0)
        {
            return [];
        }

        // The list goes as one parameter (a JSON array on SQLite, an array on PostgreSQL): the SQL is then the same whatever
        // the batch's size, so EF reuses one command instead of generating and preparing an IN (@p1, @p2, ...) list each time.
        var wanted = hashes.Distinct(StringComparer.Ordinal).ToList();
        return await QueryAsync(b => EF.Parameter(wanted).Contains(b.Hash), cancellationToken);
    }

    public async ValueTask<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        (await QueryAsync(b => b.Id == bookmarkId, cancellationToken)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<StoredBookmark>> ListDueAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var limit = until.ToUniversalTime();
        return await QueryAsync(b => b.DueAt != null && b.DueAt <= limit, cancellationToken);
    }

    private Task<IReadOnlyList<StoredBookmark>> QueryAsync(System.Linq.Expressions.Expression<Func<WorkflowBookmarkRecord, bool>> predicate, CancellationToken cancellationToken) =>
        database.UseAsync<IReadOnlyList<StoredBookmark>>(async db =>
            (await db.Set<WorkflowBookmarkRecord>().AsNoTracking().Where(predicate).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken)).Select(FromRecord).ToList());

    internal static WorkflowBookmarkRecord ToRecord(StoredBookmark stored) => new()
    {
        Id = stored.Bookmark.Id,
        WorkflowInstanceId = stored.WorkflowInstanceId,
        DefinitionVersionId = stored.DefinitionVersionId,
        CorrelationId = stored.CorrelationId,
        Name = stored.Bookmark.Name,
        Hash = stored.Bookmark.Hash,
        ActivityInstanceId = stored.Bookmark.ActivityInstanceId,
        CreatedAt = stored.Bookmark.CreatedAt.ToUniversalTime(),
        DueAt = stored.Bookmark.DueAt?.ToUniversalTime(),
        Data = JsonSerializer.Serialize(stored.Bookmark, WorkflowStateJson.Options),
    };

    private static StoredBookmark FromRecord(WorkflowBookmarkRecord record) =>
        new(JsonSerializer.Deserialize<Bookmark>(record.Data, WorkflowStateJson.Options)!, record.WorkflowInstanceId, record.DefinitionVersionId, record.CorrelationId);
}
