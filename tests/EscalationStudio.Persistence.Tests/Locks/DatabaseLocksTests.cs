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
/// lock whose holder asks for its HandleLostToken with a minute-long <c>pg_sleep</c>, so the locks sharing that
/// connection outlived a killed node by up to a minute and stalled the escalations of every node behind them.
/// </summary>
public sealed class DatabaseLocksTests
{
    [PostgresFact]
    public async Task A_killed_nodes_pick_lock_is_free_at_once_while_its_watched_leader_lock_waits_out_the_watch()
    {
        var names = Guid.NewGuid().ToString("N");
        var server = new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString) { Database = "postgres" };
        await using var proxy = new SeveredConnections(server.Host!, server.Port);
        var application = $"dying-node-{names[..8]}";
        var dying = Locks(new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = proxy.Port,
            ApplicationName = application,
        }.ConnectionString);
        var survivor = Locks(server.ConnectionString);

        var leader = await dying.ForWatchedHold($"{names}:leader").AcquireAsync();
        _ = leader.HandleLostToken.IsCancellationRequested;
        var pick = await dying.For($"{names}:tier-pick").AcquireAsync();
        await UntilWatchedAsync(server.ConnectionString, application);

        proxy.Sever();

        var waited = Stopwatch.StartNew();
        var taken = await survivor.For($"{names}:tier-pick").TryAcquireAsync(TimeSpan.FromSeconds(10));
        Assert.True(taken is not null, "the killed node's pick lock was still held after 10 s");
        Assert.True(waited.Elapsed < TimeSpan.FromSeconds(5), $"the pick lock was free only after {waited.Elapsed.TotalSeconds:F1} s");
        await taken.DisposeAsync();
        // The hazard this guards against is real: the watched lock itself is still held by the dead session.
        Assert.Null(await survivor.For($"{names}:leader").TryAcquireAsync(TimeSpan.FromSeconds(1)));
        await ForgetAsync(leader);
        await ForgetAsync(pick);
    }

    private static DatabaseLocks Locks(string connectionString) =>
        new(Options.Create(new EscalationDatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }));

    /// <summary>Until the library's watch (a running <c>pg_sleep</c>) is under way on the dying node's connections.</summary>
    private static async Task UntilWatchedAsync(string connectionString, string application)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var watching = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @application AND state = 'active' AND query LIKE '%pg_sleep%'", connection);
        watching.Parameters.AddWithValue("application", application);
        var waited = Stopwatch.StartNew();
        while ((long)(await watching.ExecuteScalarAsync())! == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the watched lock's connection never started its watch");
            await Task.Delay(50);
        }
    }

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
