using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class EfTriggerStore(DatabaseScope database) : ITriggerStore
{
    public async ValueTask ReplaceAsync(string workflowDefinitionId, IReadOnlyList<StoredTrigger> triggers, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
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
        });

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
