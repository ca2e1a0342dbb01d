using System.Diagnostics;
using System.Text.Json;
using EscalationStudio.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// The floor: what SQLite alone does for the same events, one plain ADO.NET transaction per event, on a file created by
/// the server's own migrations (same tables, keys and indexes) and tuned like the server's (<see cref="SqliteTuning"/>:
/// WAL, synchronous=NORMAL). Each transaction makes the writes the runtime makes for that event and nothing else: a new
/// ticket inserts its customer, ticket and Created event; a customer message updates the ticket's version (the
/// optimistic-concurrency check), inserts the message and its MessageAdded event.
/// </summary>
internal static class RuntimeFloor
{
    /// <param name="tickets">Tickets opened; each then gets <paramref name="messagesPerTicket"/> customer messages, as in the throughput run.</param>
    public static async Task<FloorFigures> MeasureAsync(int tickets, int messagesPerTicket)
    {
        var path = Path.Combine(Path.GetTempPath(), $"runtime-floor-{Guid.NewGuid():N}.db");
        try
        {
            var connectionString = $"Data Source={path}";
            await using (var schema = new SqliteEscalationDbContext(new DbContextOptionsBuilder<SqliteEscalationDbContext>().UseSqlite(connectionString).Options))
            {
                await schema.Database.MigrateAsync();
            }

            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await SqliteTuning.ApplyAsync(connection);
            var events = tickets * (1 + messagesPerTicket);
            var sameWrites = await TimeAsync(connection, tickets, messagesPerTicket);
            var singleInserts = await TimeSingleInsertsAsync(connection, events);
            return new FloorFigures(events / sameWrites.TotalSeconds, events / singleInserts.TotalSeconds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<TimeSpan> TimeAsync(SqliteConnection connection, int tickets, int messagesPerTicket)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < tickets; i++)
        {
            var now = DateTimeOffset.UtcNow;
            var customer = Guid.CreateVersion7();
            var ticket = Guid.CreateVersion7();
            await InTransactionAsync(connection, async transaction =>
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO customers (Id, Name, Email, Organisation, LifetimeValue, IsVip) VALUES ($id, $name, $email, 'Example Ltd', '500.0', 0)",
                    ("$id", customer.ToString().ToUpperInvariant()), ("$name", $"Customer {i}"), ("$email", $"floor{i}@example.com"));
                await ExecuteAsync(connection, transaction,
                    """
                    INSERT INTO tickets (Id, Subject, Description, RequesterId, Channel, Priority, Status, TierId, OwnerAgentId, Tags,
                        CsatScore, CsatComment, EscalationRequestReason, SignOffRequiredReason, IsSignedOff, CreatedAt, UpdatedAt, Version)
                    VALUES ($id, $subject, 'The export button spins forever.', $customer, 'email', 'normal', 'new', 'tier-1', NULL, '[]',
                        NULL, NULL, NULL, NULL, 0, $at, $at, 1)
                    """,
                    ("$id", ticket.ToString().ToUpperInvariant()), ("$subject", $"Invoice export stuck (#{i})"), ("$customer", customer.ToString().ToUpperInvariant()), ("$at", now.UtcTicks));
                await InsertEventAsync(connection, transaction, ticket, 1, "Created", now, new()
                {
                    ["subject"] = $"Invoice export stuck (#{i})",
                    ["priority"] = "normal",
                    ["channel"] = "email",
                    ["tier"] = "tier-1",
                });
            });

            for (var m = 1; m <= messagesPerTicket; m++)
            {
                var sequence = m + 1;
                var body = $"Any news on this? (follow-up {m})";
                var message = Guid.CreateVersion7();
                await InTransactionAsync(connection, async transaction =>
                {
                    var updated = await ExecuteAsync(connection, transaction,
                        "UPDATE tickets SET Version = $version, UpdatedAt = $at WHERE Id = $id AND Version = $previous",
                        ("$id", ticket.ToString().ToUpperInvariant()), ("$version", sequence), ("$previous", sequence - 1), ("$at", DateTimeOffset.UtcNow.UtcTicks));
                    if (updated != 1)
                    {
                        throw new InvalidOperationException("the floor's version check failed; the benchmark's ticket ids collide");
                    }

                    await ExecuteAsync(connection, transaction,
                        "INSERT INTO ticket_messages (Id, TicketId, Sequence, Kind, Author, Body, At) VALUES ($id, $ticket, $sequence, 'customer', $author, $body, $at)",
                        ("$id", message.ToString().ToUpperInvariant()), ("$ticket", ticket.ToString().ToUpperInvariant()), ("$sequence", sequence),
                        ("$author", "customer:" + customer), ("$body", body), ("$at", DateTimeOffset.UtcNow.UtcTicks));
                    await InsertEventAsync(connection, transaction, ticket, sequence, "MessageAdded", DateTimeOffset.UtcNow,
                        new() { ["messageId"] = message.ToString(), ["messageKind"] = "customer", ["body"] = body });
                });
            }
        }

        return watch.Elapsed;
    }

    /// <summary>The floor the first session measured: one ticket-event row per transaction, nothing else. Printed for comparison.</summary>
    private static async Task<TimeSpan> TimeSingleInsertsAsync(SqliteConnection connection, int events)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE single_events AS SELECT * FROM ticket_events WHERE 0; CREATE UNIQUE INDEX IX_single_events ON single_events (TicketId, Sequence);";
            await create.ExecuteNonQueryAsync();
        }

        var ticket = Guid.NewGuid();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < events; i++)
        {
            if (i % 4 == 0)
            {
                ticket = Guid.CreateVersion7();
            }

            await InTransactionAsync(connection, transaction => ExecuteAsync(connection, transaction,
                "INSERT INTO single_events (Id, TicketId, Sequence, Type, Actor, OccurredAt, Data) VALUES ($id, $ticket, $sequence, 'MessageAdded', 'customer', $at, '{}')",
                ("$id", Guid.CreateVersion7().ToString()), ("$ticket", ticket.ToString()), ("$sequence", i % 4), ("$at", DateTimeOffset.UtcNow.UtcTicks)));
        }

        return watch.Elapsed;
    }

    private static Task<int> InsertEventAsync(SqliteConnection connection, SqliteTransaction transaction, Guid ticket, int sequence, string type, DateTimeOffset at, Dictionary<string, string> data) =>
        ExecuteAsync(connection, transaction,
            "INSERT INTO ticket_events (Id, TicketId, Sequence, Type, Actor, OccurredAt, Data) VALUES ($id, $ticket, $sequence, $type, $actor, $at, $data)",
            ("$id", Guid.CreateVersion7().ToString().ToUpperInvariant()), ("$ticket", ticket.ToString().ToUpperInvariant()), ("$sequence", sequence), ("$type", type),
            ("$actor", "user:benchmark"), ("$at", at.UtcTicks), ("$data", JsonSerializer.Serialize(data)));

    private static async Task InTransactionAsync(SqliteConnection connection, Func<SqliteTransaction, Task> work)
    {
        await using var transaction = connection.BeginTransaction();
        await work(transaction);
        await transaction.CommitAsync();
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}

/// <param name="EventsPerSecond">Events per second with each event's own writes in one transaction: the floor the runtime is held to.</param>
/// <param name="SingleInsertsPerSecond">One ticket-event row per transaction and nothing else, for comparison.</param>
internal sealed record FloorFigures(double EventsPerSecond, double SingleInsertsPerSecond);
