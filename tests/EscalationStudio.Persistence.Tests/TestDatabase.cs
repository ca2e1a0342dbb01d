using EscalationStudio.Persistence.WorkflowDefinitions;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EscalationStudio.Persistence.Tests;

/// <summary>
/// The persistence services (ticket database, workflow and definition stores) on a database of the test's own, migrated
/// like the server's and removed afterwards: a SQLite file, or a PostgreSQL database on
/// <see cref="PostgresFactAttribute.ConnectionString"/> (use it under <c>[PostgresFact]</c>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;

    private TestDatabase(ServiceProvider services, string? sqlitePath)
    {
        Services = services;
        _sqlitePath = sqlitePath;
    }

    public ServiceProvider Services { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string SqlitePath => _sqlitePath ?? throw new InvalidOperationException("not a SQLite database");

    public static Task<TestDatabase> SqliteAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"escalation-persistence-{Guid.NewGuid():N}.db");
        return CreateAsync(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False", path);
    }

    public static Task<TestDatabase> PostgresAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString)
        {
            Database = $"escalation_test_{Guid.NewGuid():N}"[..40],
        };
        return CreateAsync(DatabaseProvider.Postgres, database.ConnectionString, sqlitePath: null);
    }

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string connectionString, string? sqlitePath)
    {
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddEscalationPersistence()
            .Configure<EscalationDatabaseOptions>(o =>
            {
                o.Provider = provider;
                o.ConnectionString = connectionString;
            })
            .AddWorkflowEngine()
            .AddWorkflowPersistence()
            .AddSingleton<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>()
            .BuildServiceProvider();
        await services.MigrateEscalationDatabaseAsync();
        return new TestDatabase(services, sqlitePath);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is null)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EscalationDbContext>().Database.EnsureDeletedAsync();
        }

        await Services.DisposeAsync();
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
