using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EscalationStudio.Workflows.Runtime;

public static class WorkflowEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine, the runtime, the published-definitions registry, in-memory stores and the in-process
    /// instance lock. Register other store implementations (EF Core) before or after: TryAdd keeps yours.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, Action<WorkflowEngineBuilder>? configure = null)
    {
        var builder = new WorkflowEngineBuilder();
        configure?.Invoke(builder);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => builder.Build(provider, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PublishedWorkflows>();
        services.TryAddSingleton<IWorkflowInstanceStore, InMemoryWorkflowInstanceStore>();
        services.TryAddSingleton<IBookmarkStore, InMemoryBookmarkStore>();
        services.TryAddSingleton<ITriggerStore, InMemoryTriggerStore>();
        services.TryAddSingleton<IIncidentStore, InMemoryIncidentStore>();
        services.TryAddSingleton<IInstanceLock, InProcessInstanceLock>();
        services.TryAddSingleton(provider => new WorkflowRuntime(
            provider.GetRequiredService<WorkflowEngine>(),
            provider.GetRequiredService<PublishedWorkflows>(),
            provider.GetRequiredService<IWorkflowInstanceStore>(),
            provider.GetRequiredService<IBookmarkStore>(),
            provider.GetRequiredService<ITriggerStore>(),
            provider.GetRequiredService<IIncidentStore>(),
            provider.GetRequiredService<IInstanceLock>(),
            provider.GetService<IBookmarkScheduler>(),
            provider.GetService<IDefinitionVersionSource>()
                ?? (provider.GetService<Definitions.Store.IWorkflowDefinitionStore>() is { } store ? new DefinitionStoreVersionSource(store) : null),
            provider.GetServices<IWorkflowPublishObserver>(),
            provider.GetService<IWorkflowRunGuard>()));
        return services;
    }
}
