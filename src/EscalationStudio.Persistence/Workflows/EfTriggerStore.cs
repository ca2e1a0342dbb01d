using System.Text.Json.Nodes;
using EscalationStudio.Persistence.Locks;
using EscalationStudio.Persistence.WorkflowDefinitions;
using EscalationStudio.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class EfTriggerStore(DatabaseScope database) : ITriggerStore
{
    /// <remarks>
    /// On PostgreSQL every node indexes the triggers of each publish it hears of, into the one shared table. The nodes
    /// take turns per definition (an advisory lock for the transaction), so two replaces never leave both sets behind,
    /// and a node that is behind never puts an older version's triggers over those of the version the database
    /// publishes.
    /// </remarks>
    public async ValueTask ReplaceAsync(string workflowDefinitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (transaction is not null)
            {
                await DatabaseLocks.AcquireForTransactionAsync($"triggers:{workflowDefinitionId}", transaction.GetDbTransaction(), cancellationToken);
                if (await IsBehindAsync(db, workflowDefinitionId, triggers, cancellationToken))
                {
                    return;
                }
            }

            var set = db.Set<WorkflowTriggerRecord>();
            set.RemoveRange(await set.Where(t => t.WorkflowDefinitionId == workflowDefinitionId).ToListAsync(cancellationToken));
            set.AddRange(triggers.Select(t => new WorkflowTriggerRecord
            {
                Id = t.Id,
                WorkflowDefinitionId = t.WorkflowDefinitionId,
                WorkflowDefinitionVersionId = t.WorkflowDefinitionVersionId,
                Name = t.Trigger.Name,
                ActivityId = t.Trigger.ActivityId,
                Hash = t.Trigger.Hash,
                Payload = t.Trigger.Payload?.ToJsonString(),
            }));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        });

    /// <summary>
    /// Whether the triggers belong to a version other than the one the definitions table publishes. A definition the
    /// table does not know (the engine used without Studio's store) and an empty set (a retract, or a version without
    /// triggers) are never behind.
    /// </summary>
    private static async Task<bool> IsBehindAsync(EscalationDbContext db, string definitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken)
    {
        if (triggers.Count == 0)
        {
            return false;
        }

        var versions = await db.Set<WorkflowDefinitionRecord>().AsNoTracking().Where(d => d.DefinitionId == definitionId)
            .Select(d => new { d.Id, d.IsPublished }).ToListAsync(cancellationToken);
        return versions.Count > 0 && !versions.Any(v => v.IsPublished && v.Id == triggers[0].WorkflowDefinitionVersionId);
    }

    public async ValueTask<IReadOnlyList<StoredTrigger>> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        await QueryAsync(t => t.Hash == hash, cancellationToken);

    public async ValueTask<IReadOnlyList<StoredTrigger>> ListAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync(_ => true, cancellationToken);

    private Task<IReadOnlyList<StoredTrigger>> QueryAsync(System.Linq.Expressions.Expression<Func<WorkflowTriggerRecord, bool>> predicate, CancellationToken cancellationToken) =>
        database.UseAsync<IReadOnlyList<StoredTrigger>>(async db =>
            (await db.Set<WorkflowTriggerRecord>().AsNoTracking().Where(predicate).ToListAsync(cancellationToken))
            .Select(t => new StoredTrigger(t.Id, t.WorkflowDefinitionId, t.WorkflowDefinitionVersionId,
                new TriggerRegistration(t.ActivityId, t.Name, t.Hash, t.Payload is null ? null : JsonNode.Parse(t.Payload))))
            .ToList());
}
