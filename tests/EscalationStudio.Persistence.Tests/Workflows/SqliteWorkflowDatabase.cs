using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tests.Workflows;

/// <summary>The workflow stores on a SQLite file of the test's own, migrated like the server's and deleted afterwards.</summary>
public abstract class SqliteWorkflowDatabase : IAsyncLifetime
{
    private TestDatabase _database = null!;

    protected ServiceProvider Services => _database.Services;

    public async Task InitializeAsync() => _database = await TestDatabase.SqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
