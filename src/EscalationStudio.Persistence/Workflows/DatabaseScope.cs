using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Workflows;

/// <summary>
/// The workflow runtime is a singleton and the DbContext is scoped: each store call gets its own scope and
/// context, so concurrent instances never share change tracking.
/// </summary>
internal sealed class DatabaseScope(IServiceScopeFactory scopes)
{
    public async Task<T> UseAsync<T>(Func<EscalationDbContext, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EscalationDbContext>());
    }

    public async Task UseAsync(Func<EscalationDbContext, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<EscalationDbContext>());
    }
}
