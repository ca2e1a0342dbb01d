using EscalationStudio.Persistence.Locks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EscalationStudio.Persistence.Workflows;

public static class WorkflowPersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Stores workflow instances, bookmarks, triggers and incidents in the Escalation database (SQLite or PostgreSQL),
    /// replacing the engine's in-memory stores whichever is registered first, and locks instances across the nodes that
    /// share a PostgreSQL database. Needs <c>AddEscalationPersistence</c>.
    /// </summary>
    public static IServiceCollection AddWorkflowPersistence(this IServiceCollection services)
    {
        services.TryAddSingleton<DatabaseScope>();
        services.RemoveAll<IWorkflowInstanceStore>().AddSingleton<IWorkflowInstanceStore, EfWorkflowInstanceStore>();
        services.RemoveAll<IBookmarkStore>().AddSingleton<IBookmarkStore, EfBookmarkStore>();
        services.RemoveAll<ITriggerStore>().AddSingleton<ITriggerStore, EfTriggerStore>();
        services.RemoveAll<IIncidentStore>().AddSingleton<IIncidentStore, EfIncidentStore>();
        services.TryAddSingleton<DatabaseLocks>();
        services.RemoveAll<IInstanceLock>().AddSingleton<IInstanceLock, ClusterInstanceLock>();
        return services;
    }
}
