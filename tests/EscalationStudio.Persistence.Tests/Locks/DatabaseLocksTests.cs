using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EscalationStudio.Persistence.Locks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EscalationStudio.Persistence.Tests.Locks;

/// <summary>
/// A node killed while it holds locks: PostgreSQL reads the closed connection and frees its locks at once, except on
/// a connection that is running a statement, which it only notices when the statement ends. DistributedLock watches a
/// lock whose holder asks for its HandleLostToken with a minute-long <c>pg_sleep</c>: the locks sharing that connection
/// outlived a killed node by up to a minute, and the sleep's snapshot kept every row version PostgreSQL wrote meanwhile.
/// The leader's lease (<see cref="DatabaseLease"/>) is held on an idle connection instead.
/// </summary>
public sealed class DatabaseLocksTests
{
    [PostgresFact]
    public async Task A_killed_nodes_pick_lock_and_leader_lease_are_free_at_once_and_the_lease_knows_it_is_lost()
    {
        var names = Guid.NewGuid().ToString("N");
        var server = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = "postgres" };
        await using var proxy = new SeveredConnections(server.Host!, server.Port);
        var dying = Locks(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString);
        var survivor = Locks(server.ConnectionString);

        var lease = await dying.TryLeaseAsync($"{names}:leader", CancellationToken.None);
        Assert.NotNull(lease);
        Assert.True(await lease.IsHeldAsync(CancellationToken.None));
        Assert.Null(await survivor.TryLeaseAsync($"{names}:leader", CancellationToken.None));
        var pick = await dying.For($"{names}:tier-pick").AcquireAsync();

        proxy.Sever();

        var waited = Stopwatch.StartNew();
        var taken = await survivor.For($"{names}:tier-pick").TryAcquireAsync(TimeSpan.FromSeconds(10));
        Assert.True(taken is not null, "the killed node's pick lock was still held after 10 s");
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"the pick lock was free only after {waited.Elapsed.TotalSeconds:F1} s");
        await taken.DisposeAsync();
        DatabaseLease? leads = null;
        while (leads is null && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            leads = await survivor.TryLeaseAsync($"{names}:leader", CancellationToken.None);
        }

        Assert.True(leads is not null, "the killed node's leader lease was still held after 10 s");
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"the leader lease was free only after {waited.Elapsed.TotalSeconds:F1} s");
        Assert.False(await lease.IsHeldAsync(CancellationToken.None));
        Assert.True(await leads.IsHeldAsync(CancellationToken.None));
        await leads.DisposeAsync();
        await lease.DisposeAsync();
        await ForgetAsync(pick);
    }

    [PostgresFact]
    public async Task A_held_lease_keeps_no_snapshot_open_so_PostgreSQL_can_clean_up_behind_it()
    {
        var application = $"lease-{Guid.NewGuid():N}"[..24];
        var database = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = "postgres" }.ConnectionString;
        var locks = Locks(new NpgsqlConnectionStringBuilder(database) { ApplicationName = application }.ConnectionString);
        await using var lease = await locks.TryLeaseAsync($"{application}:leader", CancellationToken.None);
        Assert.NotNull(lease);
        Assert.True(await lease.IsHeldAsync(CancellationToken.None));

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var sessions = new NpgsqlCommand(
            "SELECT state, backend_xmin IS NOT NULL FROM pg_stat_activity WHERE application_name = @application", connection);
        sessions.Parameters.AddWithValue("application", application);

        // The library's watch starts its sleep in the background, so the session is watched a while.
        for (var look = 0; look < 20; look++)
        {
            await using var reader = await sessions.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "the lease's session is not there");
            Assert.Equal(("idle", false), (reader.GetString(0), reader.GetBoolean(1)));
            Assert.False(await reader.ReadAsync(), "the lease has more than one session");
            await Task.Delay(50);
        }
    }

    private static DatabaseLocks Locks(string connectionString) =>
        new(Options.Create(new EscalationDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }));

    // The handles' connections are gone; releasing them can only fail.
    private static async Task ForgetAsync(IAsyncDisposable handle)
    {
        try
        {
            await handle.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException or IOException)
        {
        }
    }

    /// <summary>
    /// A TCP relay to PostgreSQL whose connections can all be closed at once, as the kernel closes a killed process's
    /// sockets: the server sees the connection end without a goodbye.
    /// </summary>
    private sealed class SeveredConnections : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _sockets = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public SeveredConnections(string host, int port)
        {
            _listener.Start();
            _accepting = AcceptAsync(host, port);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Sever()
        {
            lock (_sockets)
            {
                foreach (var socket in _sockets)
                {
                    socket.Close();
                }

                _sockets.Clear();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            Sever();
            try
            {
                await _accepting;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync(string host, int port)
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await server.ConnectAsync(host, port, _stop.Token);
                lock (_sockets)
                {
                    _sockets.Add(client);
                    _sockets.Add(server);
                }

                _ = RelayAsync(client, server);
                _ = RelayAsync(server, client);
            }
        }

        private static async Task RelayAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Severed.
            }
        }
    }
}
