using System.Diagnostics.Metrics;
using System.Globalization;
using EscalationStudio.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EscalationStudio.Persistence.Tests.Sqlite;

/// <summary>
/// The ticket writer's commits do not checkpoint the write-ahead log; passes beside it copy the log back, and once it
/// has grown long the writer's own checkpoint after a commit lets its next commit start the log over.
/// </summary>
public sealed class WalCheckpointsTests : IAsyncLifetime
{
    private readonly Meter _meter = new(nameof(WalCheckpointsTests));
    private TestDatabase _database = null!;
    private SqliteConnection _writer = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.SqliteAsync();
        _writer = new SqliteConnection($"Data Source={_database.SqlitePath};Pooling=False");
        await _writer.OpenAsync();
        await ExecuteAsync(_writer, "CREATE TABLE pages (body BLOB NOT NULL)");
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _database.DisposeAsync();
        _meter.Dispose();
    }

    [Fact]
    public async Task A_connection_left_to_the_background_does_not_checkpoint_on_commit()
    {
        await using var checkpoints = WriterWithCheckpoints(longLog: 100);

        Assert.Equal("0", await ScalarAsync(_writer, "PRAGMA wal_autocheckpoint"));

        // 2,000 pages in small commits: SQLite's own checkpoint on commit would have started the log over past 1,000.
        await WritePagesAsync(2_000);
        await checkpoints.PassAsync(CancellationToken.None);

        Assert.True(checkpoints.LogPages >= 2_000, $"the log holds {checkpoints.LogPages} pages");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_pass_finds_the_log_long_the_writers_checkpoint_lets_its_next_commit_start_the_log_over(bool writerCheckpoints)
    {
        await using var checkpoints = WriterWithCheckpoints(longLog: 100);
        await using var reader = new SqliteConnection($"Data Source={_database.SqlitePath};Pooling=False");
        await reader.OpenAsync();

        // A reader inside the log while the writer goes on, as under load: the pass copies only what its snapshot holds.
        await WritePagesAsync(500);
        await using (var snapshot = reader.BeginTransaction(deferred: true))
        {
            await ScalarAsync(reader, "SELECT count(*) FROM pages", snapshot);
            await WritePagesAsync(500);
            await checkpoints.PassAsync(CancellationToken.None);
        }

        // Pages not yet copied when the writer begins: it appends to the log instead of starting it over.
        await WritePagesAsync(10);
        if (writerCheckpoints)
        {
            await checkpoints.AfterCommitAsync(_writer);
        }

        await WritePagesAsync(10);
        await checkpoints.PassAsync(CancellationToken.None);

        if (writerCheckpoints)
        {
            Assert.True(checkpoints.LogPages < 100, $"the log started over: {checkpoints.LogPages} pages");
        }
        else
        {
            Assert.True(checkpoints.LogPages > 1_000, $"the log only grew: {checkpoints.LogPages} pages");
        }
    }

    [Fact]
    public async Task The_writer_checkpoints_only_when_a_pass_found_the_log_long()
    {
        await using var checkpoints = WriterWithCheckpoints(longLog: 100_000);
        await WritePagesAsync(200);
        await checkpoints.PassAsync(CancellationToken.None);

        // The pass copied it all, so this starts the log over; the writer's call then copies nothing of it.
        await WritePagesAsync(200);
        await checkpoints.AfterCommitAsync(_writer);
        await WritePagesAsync(10);
        await checkpoints.PassAsync(CancellationToken.None);

        Assert.True(checkpoints.LogPages >= 210, $"the log went on: {checkpoints.LogPages} pages");
    }

    // The test's connection as the ticket writer's, and checkpoint passes run by the test itself.
    private WalCheckpoints WriterWithCheckpoints(int longLog)
    {
        WalCheckpoints.LeaveToBackground(_writer);
        return new WalCheckpoints(_database.Services.GetRequiredService<IServiceScopeFactory>(), _meter, NullLogger.Instance,
            Timeout.InfiniteTimeSpan, longLog);
    }

    // Ten pages a commit: each row is a page's worth of bytes.
    private async Task WritePagesAsync(int pages)
    {
        for (var written = 0; written < pages; written += 10)
        {
            await using var transaction = await _writer.BeginTransactionAsync();
            for (var i = 0; i < 10; i++)
            {
                await ExecuteAsync(_writer, "INSERT INTO pages (body) VALUES (zeroblob(4000))", transaction);
            }

            await transaction.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)transaction;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)transaction;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
