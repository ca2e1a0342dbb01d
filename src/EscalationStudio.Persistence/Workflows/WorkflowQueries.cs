using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Workflows;

/// <summary>
/// The queries every policy run makes (one instance read, one bookmark diff), compiled once. Run as LINQ, EF Core walks
/// and hashes each query's expression tree again on every call to find its cached plan: while the policies worked off a
/// backlog that was 9 % of the server's time.
/// </summary>
/// <remarks>One set per model: see <see cref="CompiledQueries{TSet}"/>.</remarks>
internal sealed class WorkflowQueries
{
    /// <summary>An instance's state document, without tracking the row.</summary>
    public Func<EscalationDbContext, string, CancellationToken, Task<string?>> InstanceData { get; } =
        EF.CompileAsyncQuery((EscalationDbContext db, string instanceId, CancellationToken _) =>
            db.Set<WorkflowInstanceRecord>().AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Data).FirstOrDefault());

    /// <summary>The ids of an instance's stored bookmarks: all a save needs to diff them.</summary>
    public Func<EscalationDbContext, string, IAsyncEnumerable<string>> BookmarkIds { get; } =
        EF.CompileAsyncQuery((EscalationDbContext db, string instanceId) =>
            db.Set<WorkflowBookmarkRecord>().AsNoTracking().Where(b => b.WorkflowInstanceId == instanceId).Select(b => b.Id));
}
