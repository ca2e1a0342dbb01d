using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Workflows.Tests.Runtime;

/// <summary>The workflow stores on a SQLite file of the test's own, migrated like the server's and deleted afterwards.</summary>
public abstract class SqliteWorkflowDatabase : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"escalation-workflows-{Guid.NewGuid():N}.db");

    protected ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddEscalationPersistence()
            .Configure<EscalationDatabaseOptions>(o => o.ConnectionString = $"Data Source={_path};Pooling=False")
            .AddWorkflowEngine()
            .AddWorkflowPersistence()
            .BuildServiceProvider();
        await Services.MigrateEscalationDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
