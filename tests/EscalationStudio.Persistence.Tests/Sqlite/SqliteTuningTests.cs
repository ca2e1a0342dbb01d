using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Persistence.Tests.Sqlite;

/// <summary>The escalation database's SQLite connections run in WAL mode with synchronous=NORMAL (see SqliteTuning for why).</summary>
public sealed class SqliteTuningTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.SqliteAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_escalation_database_opens_in_wal_mode_with_normal_synchronous_a_busy_timeout_and_a_wal_size_limit()
    {
        await using var scope = _database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        // Opened through EF Core, as every store and desk command opens it, so the tuning interceptor runs.
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var (journal, synchronous, busyTimeout, walLimit) = (await PragmaAsync(connection, "journal_mode"), await PragmaAsync(connection, "synchronous"),
            await PragmaAsync(connection, "busy_timeout"), await PragmaAsync(connection, "journal_size_limit"));

        Assert.Equal("wal", journal);
        Assert.Equal("1", synchronous); // NORMAL
        Assert.Equal("5000", busyTimeout);
        Assert.Equal((64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), walLimit);
    }

    [Fact]
    public async Task The_database_file_itself_is_left_in_wal_mode_for_every_later_reader()
    {
        await using var plain = new SqliteConnection($"Data Source={_database.SqlitePath};Pooling=False");
        await plain.OpenAsync();
        Assert.Equal("wal", await PragmaAsync(plain, "journal_mode"));
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
