using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Persistence.Workflows;

internal sealed class EfIncidentStore(DatabaseScope database) : IIncidentStore
{
    public async ValueTask AddAsync(string workflowInstanceId, IReadOnlyList<ActivityIncident> incidents, CancellationToken cancellationToken = default) =>
        await database.UseAsync(async db =>
        {
            db.Set<WorkflowIncidentRecord>().AddRange(incidents.Select(i => new WorkflowIncidentRecord
            {
                Id = Guid.CreateVersion7(),
                WorkflowInstanceId = workflowInstanceId,
                ActivityId = i.ActivityId,
                ActivityNodeId = i.ActivityNodeId,
                ActivityType = i.ActivityType,
                Message = i.Message,
                ExceptionType = i.ExceptionType,
                Timestamp = i.Timestamp.ToUniversalTime(),
            }));
            await db.SaveChangesAsync(cancellationToken);
        });

    public async ValueTask<IReadOnlyList<ActivityIncident>> ListAsync(string workflowInstanceId, CancellationToken cancellationToken = default) =>
        await database.UseAsync<IReadOnlyList<ActivityIncident>>(async db =>
            (await db.Set<WorkflowIncidentRecord>().AsNoTracking().Where(i => i.WorkflowInstanceId == workflowInstanceId).OrderBy(i => i.Timestamp).ToListAsync(cancellationToken))
            .Select(i => new ActivityIncident(i.ActivityId, i.ActivityNodeId, i.ActivityType, i.Message, i.ExceptionType, i.Timestamp))
            .ToList());
}
