using System.Diagnostics;
using System.Text.Json;
using EscalationStudio.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// The floor: the same number of ticket-event rows inserted with plain ADO.NET into a table shaped like
/// ticket_events (same columns and indexes), one transaction each, on a SQLite file whose connection is tuned like
/// the server's (<see cref="SqliteTuning"/>: WAL, synchronous=NORMAL), so the runtime is compared with the same database.
/// </summary>
internal static class RuntimeFloor
{
    public static async Task<double> EventsPerSecondAsync(int events)
    {
        var path = Path.Combine(Path.GetTempPath(), $"runtime-floor-{Guid.NewGuid():N}.db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync();
            await SqliteTuning.ApplyAsync(connection);
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = """
                    CREATE TABLE ticket_events (Id TEXT NOT NULL PRIMARY KEY, TicketId TEXT NOT NULL, Sequence INTEGER NOT NULL,
                        Type TEXT NOT NULL, Actor TEXT NOT NULL, OccurredAt INTEGER NOT NULL, Data TEXT NOT NULL);
                    CREATE UNIQUE INDEX IX_ticket_events_TicketId_Sequence ON ticket_events (TicketId, Sequence);
                    CREATE INDEX IX_ticket_events_OccurredAt ON ticket_events (OccurredAt);
                    """;
                await create.ExecuteNonQueryAsync();
            }

            var data = JsonSerializer.Serialize(new Dictionary<string, string> { ["messageId"] = Guid.NewGuid().ToString(), ["messageKind"] = "customer", ["body"] = "Any news on this? (follow-up 1)" });
            var ticket = Guid.NewGuid();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < events; i++)
            {
                if (i % 4 == 0)
                {
                    ticket = Guid.CreateVersion7();
                }

                await using var transaction = connection.BeginTransaction();
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO ticket_events (Id, TicketId, Sequence, Type, Actor, OccurredAt, Data) VALUES ($id, $ticket, $sequence, 'MessageAdded', $actor, $at, $data)";
                insert.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString());
                insert.Parameters.AddWithValue("$ticket", ticket.ToString());
                insert.Parameters.AddWithValue("$sequence", i % 4);
                insert.Parameters.AddWithValue("$actor", "customer:" + ticket);
                insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
                insert.Parameters.AddWithValue("$data", data);
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }

            return events / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
