using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Server.Tests.Persistence;
using Npgsql;

namespace EscalationStudio.Server.Tests.Nodes;

/// <summary>
/// Two server processes, A and B, on one PostgreSQL database of their own (dropped afterwards), each with its own data
/// and workflows folders. A starts first, so A is the leader. Use under <see cref="PostgresFactAttribute"/>.
/// </summary>
internal sealed class TwoNodes : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "escalation-two-nodes", Guid.NewGuid().ToString("N"));
    private readonly ScratchPostgresDatabase _database = new("escalation_test");

    public TwoNodes()
    {
        A = new ServerNode("A", ConnectionString, Path.Combine(_root, "a"));
        B = new ServerNode("B", ConnectionString, Path.Combine(_root, "b"));
    }

    public string ConnectionString => _database.ConnectionString;

    public ServerNode A { get; }

    public ServerNode B { get; }

    public async Task StartAsync(bool samplePolicies)
    {
        A.CopyWorkflows(samplePolicies);
        B.CopyWorkflows(samplePolicies);
        // One after the other: the first applies the migrations, and becomes the leader.
        await A.StartAsync();
        await B.StartAsync();
    }

    /// <summary>Runs a query on the shared database and reads each row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or the time is up (false).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(200);
        }
    }

    public static async Task<Guid> CreateTicketAsync(HttpClient client, string subject)
    {
        using var response = await client.PostAsJsonAsync("api/tickets", new
        {
            subject,
            description = "Opened by the two-node tests.",
            requester = new { name = "Nina Node", email = $"node-{Guid.NewGuid():N}@example.com" },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonArray> TimelineAsync(HttpClient client, Guid ticketId) =>
        (await client.GetFromJsonAsync<JsonArray>($"api/tickets/{ticketId}/timeline"))!;

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        var database = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = database.Database;
        database.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
