using Npgsql;

namespace EscalationStudio.Server.Tests.Persistence;

/// <summary>
/// A database of its own on the PostgreSQL server of <see cref="PostgresFactAttribute"/>, for tests that run real server
/// processes on it (they create its schema); dropped, whoever is still connected, when the test is done.
/// </summary>
internal sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    public ScratchPostgresDatabase(string prefix) =>
        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = $"{prefix}_{Guid.NewGuid():N}"[..40] }.ConnectionString;

    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = database.Database;
        database.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
