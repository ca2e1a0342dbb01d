using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class EfWorkflowInstanceStore(DatabaseScope database) : IWorkflowInstanceStore, IWorkflowRunStore
{
    public async ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            await UpsertAsync(db, state, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        });

    /// <summary>
    /// One transaction for the instance and its bookmarks. What the runtime knows of the row spares reading it first: a
    /// new instance is inserted with its bookmarks as they are; one read under the lock is updated in place (its state
    /// document is not loaded again) and only its bookmark ids are read for the diff (plain statements on SQLite, see
    /// <see cref="WorkflowRows"/>; one SaveChanges batch on PostgreSQL).
    /// </summary>
    public async ValueTask SaveRunAsync(WorkflowState state, IReadOnlyList<StoredBookmark> bookmarks, StoredInstance stored, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            switch (stored)
            {
                case StoredInstance.New:
                    await WorkflowRows.InsertAsync(db, Fill(NewRecord(state), state), [.. bookmarks.Select(EfBookmarkStore.ToRecord)], cancellationToken);
                    return;
                case StoredInstance.Existing when db.Database.IsSqlite():
                    var (gone, added) = await EfBookmarkStore.DiffAsync(db, state.Id, bookmarks, cancellationToken);
                    await WorkflowRows.UpdateAsync(db, Fill(NewRecord(state), state), gone, added, cancellationToken);
                    return;
                case StoredInstance.Existing:
                    // On PostgreSQL each plain statement is a round trip; SaveChanges sends the update and the bookmark
                    // diff as one batch.
                    db.Update(Fill(NewRecord(state), state));
                    await EfBookmarkStore.StageReplaceAsync(db, state.Id, bookmarks, cancellationToken);
                    break;
                default:
                    await UpsertAsync(db, state, cancellationToken);
                    await EfBookmarkStore.StageReplaceAsync(db, state.Id, bookmarks, cancellationToken);
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
        });

    private static async Task UpsertAsync(EscalationDbContext db, WorkflowState state, CancellationToken cancellationToken)
    {
        var record = await db.Set<WorkflowInstanceRecord>().FirstOrDefaultAsync(i => i.Id == state.Id, cancellationToken);
        if (record is null)
        {
            record = NewRecord(state);
            db.Add(record);
        }

        Fill(record, state);
    }

    private static WorkflowInstanceRecord NewRecord(WorkflowState state) => new()
    {
        Id = state.Id,
        DefinitionId = state.DefinitionId,
        DefinitionVersionId = state.DefinitionVersionId,
        Status = "",
        SubStatus = "",
        Data = "",
    };

    private static WorkflowInstanceRecord Fill(WorkflowInstanceRecord record, WorkflowState state)
    {
        record.DefinitionVersion = state.DefinitionVersion;
        record.CorrelationId = state.CorrelationId;
        record.Status = state.Status.ToString();
        record.SubStatus = state.SubStatus.ToString();
        record.IncidentCount = state.Incidents.Count;
        record.CreatedAt = state.CreatedAt.ToUniversalTime();
        record.UpdatedAt = state.UpdatedAt.ToUniversalTime();
        record.FinishedAt = state.FinishedAt?.ToUniversalTime();
        record.Data = WorkflowStateJson.Serialize(state);
        return record;
    }

    public async ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            var data = await CompiledQueries<WorkflowQueries>.For(db).InstanceData(db, instanceId, cancellationToken);
            return data is null ? null : WorkflowStateJson.Deserialize(data);
        });

    public async ValueTask<IReadOnlyList<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceQuery query, CancellationToken cancellationToken = default) =>
        await database.UseAsync<IReadOnlyList<WorkflowInstanceSummary>>(async db =>
        {
            var rows = db.Set<WorkflowInstanceRecord>().AsNoTracking();
            if (query.DefinitionId is { } definitionId)
            {
                rows = rows.Where(i => i.DefinitionId == definitionId);
            }

            if (query.CorrelationId is { } correlationId)
            {
                rows = rows.Where(i => i.CorrelationId == correlationId);
            }

            if (query.SubStatus is { } subStatus)
            {
                var text = subStatus.ToString();
                rows = rows.Where(i => i.SubStatus == text);
            }

            var page = await rows.OrderByDescending(i => i.UpdatedAt).Skip(query.Skip).Take(query.Take).ToListAsync(cancellationToken);
            return page.Select(i => new WorkflowInstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersionId, i.DefinitionVersion, i.CorrelationId,
                Enum.Parse<WorkflowStatus>(i.Status), Enum.Parse<WorkflowSubStatus>(i.SubStatus), i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt)).ToList();
        });
}
