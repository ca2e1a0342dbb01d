using EscalationStudio.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Persistence;

/// <summary>The server's SQLite connections run in WAL mode with synchronous=NORMAL (see SqliteTuning for why).</summary>
public sealed class SqliteTuningTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    [Fact]
    public async Task The_escalation_database_opens_in_wal_mode_with_normal_synchronous_a_busy_timeout_and_a_wal_size_limit()
    {
        await server.Admin().CreateTicketAsync();

        var (journal, synchronous, busyTimeout, walLimit) = await server.InScopeAsync(async services =>
        {
            var connection = services.GetRequiredService<EscalationDbContext>().Database.GetDbConnection();
            await connection.OpenAsync();
            return (await PragmaAsync(connection, "journal_mode"), await PragmaAsync(connection, "synchronous"), await PragmaAsync(connection, "busy_timeout"),
                await PragmaAsync(connection, "journal_size_limit"));
        });

        Assert.Equal("wal", journal);
        Assert.Equal("1", synchronous); // NORMAL
        Assert.Equal("5000", busyTimeout);
        Assert.Equal((64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), walLimit);
    }

    [Fact]
    public async Task The_database_file_itself_is_left_in_wal_mode_for_every_later_reader()
    {
        await server.Admin().CreateTicketAsync();

        await using var plain = new SqliteConnection($"Data Source={Path.Combine(server.DataPath, "escalation.db")};Pooling=False");
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
