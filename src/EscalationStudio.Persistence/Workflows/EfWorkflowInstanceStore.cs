using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class EfWorkflowInstanceStore(DatabaseScope database) : IWorkflowInstanceStore
{
    public async ValueTask SaveAsync(WorkflowState state, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            var record = await db.Set<WorkflowInstanceRecord>().FirstOrDefaultAsync(i => i.Id == state.Id, cancellationToken);
            if (record is null)
            {
                record = new WorkflowInstanceRecord
                {
                    Id = state.Id, DefinitionId = state.DefinitionId, DefinitionVersionId = state.DefinitionVersionId,
                    Status = "", SubStatus = "", Data = "",
                };
                db.Add(record);
            }

            record.DefinitionVersion = state.DefinitionVersion;
            record.CorrelationId = state.CorrelationId;
            record.Status = state.Status.ToString();
            record.SubStatus = state.SubStatus.ToString();
            record.IncidentCount = state.Incidents.Count;
            record.CreatedAt = state.CreatedAt.ToUniversalTime();
            record.UpdatedAt = state.UpdatedAt.ToUniversalTime();
            record.FinishedAt = state.FinishedAt?.ToUniversalTime();
            record.Data = WorkflowStateJson.Serialize(state);
            await db.SaveChangesAsync(cancellationToken);
        });

    public async ValueTask<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            var data = await db.Set<WorkflowInstanceRecord>().AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Data).FirstOrDefaultAsync(cancellationToken);
            return data is null ? null : WorkflowStateJson.Deserialize(data);
        });
}
