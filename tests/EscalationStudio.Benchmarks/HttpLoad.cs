using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Ticket requests over real HTTP (<c>-- http-load</c>). The server runs as a child process (<see cref="HttpLoadServer"/>:
/// the real wiring on Kestrel at 127.0.0.1, the sample org and policies, 600 seeded tickets with conversations of 5–50
/// messages), so its CPU time is read apart from the client's. The client sends the <see cref="HttpLoadWorkload"/> mix
/// of every ticket route, first closed-loop (HTTP_LOAD_CLIENTS, default 32, each waiting for its answer: the most the
/// server does), then open-loop at a fixed rate (HTTP_LOAD_RATE, default 1,000 requests/s, latency counted from when
/// each request was due, so a stall is not hidden by clients that stop sending). A 60 s warm-up of the closed loop, then
/// HTTP_LOAD_SECONDS (default 15) per window; HTTP_LOAD_WARMUP sets the warm-up, HTTP_LOAD_ONLY (a route of the mix, such as Timeline)
/// sends that route alone; HTTP_LOAD_ROUNDS alternates the providers' closed-loop windows (<see cref="MeasureAsync"/>).
/// SQLite always (HTTP_LOAD_PROVIDERS=postgres skips it); PostgreSQL when HTTP_LOAD_POSTGRES holds a connection string
/// (a database of its own, dropped afterwards). Prints one JSON line with every result.
/// </summary>
internal static class HttpLoad
{
    public static async Task RunAsync()
    {
        var seconds = RuntimeBenchmark.Setting("HTTP_LOAD_SECONDS", 15);
        var clients = RuntimeBenchmark.Setting("HTTP_LOAD_CLIENTS", 32);
        var rate = RuntimeBenchmark.Setting("HTTP_LOAD_RATE", 1_000);
        // A server runs for days, and under this load the JIT's profile-guided tiering takes about a minute to settle:
        // after 5 s the server spent 0.33-0.35 ms of CPU a request, after 60 s 0.195-0.216, after 120 s 0.193.
        var warmUp = RuntimeBenchmark.Setting("HTTP_LOAD_WARMUP", 60);
        HttpLoadWorkload.Operation? only = Enum.TryParse<HttpLoadWorkload.Operation>(Environment.GetEnvironmentVariable("HTTP_LOAD_ONLY"), ignoreCase: true, out var route)
            ? route
            : null;
        var preferMinimal = Environment.GetEnvironmentVariable("HTTP_LOAD_PREFER") != "none";
        Console.WriteLine($"HTTP load: the ticket route mix on loopback, {clients} clients closed-loop, then {rate:N0} requests/s open-loop, " +
                          $"{seconds} s each after a {warmUp} s warm-up{(only is { } alone ? $", {alone} requests only" : "")}{(preferMinimal ? "; writes ask Prefer: return=minimal" : "")}");
        var results = new List<object>();
        var rounds = RuntimeBenchmark.Setting("HTTP_LOAD_ROUNDS", 1);
        var providers = Providers().ToList();
        var shape = (Length: TimeSpan.FromSeconds(seconds), WarmUp: TimeSpan.FromSeconds(warmUp), Clients: clients, Rate: rate);
        if (rounds > 1)
        {
            await MeasureAsync(providers, rounds, shape, preferMinimal, only, results);
        }
        else
        {
            // One provider's server at a time, each on a machine the other no longer shares.
            foreach (var provider in providers)
            {
                await MeasureAsync([provider], rounds: 1, shape, preferMinimal, only, results);
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(results));
    }

    /// <summary>
    /// Starts the providers' servers together, warms each up, then runs their closed-loop windows in turn,
    /// <paramref name="rounds"/> times, and last each one's fixed-rate window. With HTTP_LOAD_ROUNDS above 1 and both
    /// providers, each round compares them under the same conditions of this shared machine (one run of each, one after
    /// the other, differed by up to a third from run to run): the run prints each round's PostgreSQL figure as a share of
    /// SQLite's, and the median of the rounds.
    /// </summary>
    private static async Task MeasureAsync(List<(string Name, string? ConnectionString)> providers, int rounds,
        (TimeSpan Length, TimeSpan WarmUp, int Clients, int Rate) shape, bool preferMinimal, HttpLoadWorkload.Operation? only, List<object> results)
    {
        var servers = new List<(string Name, ServerProcess Server, HttpLoadWorkload Workload)>();
        try
        {
            foreach (var (name, connectionString) in providers)
            {
                var server = await ServerProcess.StartAsync(name, connectionString);
                servers.Add((name, server, new HttpLoadWorkload(server.Seeded, preferMinimal, only)));
            }

            foreach (var (_, server, workload) in servers)
            {
                await ClosedLoopAsync(server, workload, shape.Clients, shape.WarmUp);
                _ = workload.TakeFailures();
            }

            var shares = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                var eventsPerSecond = new List<double>();
                foreach (var (name, server, workload) in servers)
                {
                    var window = await ClosedLoopAsync(server, workload, shape.Clients, shape.Length);
                    results.Add(window.Report(name, "closed", rounds > 1 ? $"{shape.Clients} clients, round {round}" : $"{shape.Clients} clients", workload.TakeFailures()));
                    eventsPerSecond.Add(window.Events / window.Elapsed.TotalSeconds);
                }

                if (eventsPerSecond.Count == 2 && eventsPerSecond[0] > 0)
                {
                    shares.Add(eventsPerSecond[1] / eventsPerSecond[0]);
                    Console.WriteLine($"round {round}: {servers[1].Name} at {shares[^1]:P1} of {servers[0].Name}'s ticket events/s");
                }
            }

            if (shares.Count > 0)
            {
                var sorted = shares.Order().ToList();
                var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
                Console.WriteLine($"{servers[1].Name} at {median:P1} of {servers[0].Name} (median of {shares.Count} rounds; {sorted[0]:P1} to {sorted[^1]:P1}), " +
                                  $"at or above half in {shares.Count(s => s >= 0.5)} of {shares.Count}");
                results.Add(new { rounds = shares.Count, medianShare = Math.Round(median, 3), lowestShare = Math.Round(sorted[0], 3), highestShare = Math.Round(sorted[^1], 3) });
            }

            if (shape.Rate > 0)
            {
                foreach (var (name, server, workload) in servers)
                {
                    var open = await FixedRateAsync(server, workload, shape.Rate, shape.Length);
                    results.Add(open.Report(name, "fixed-rate", $"{shape.Rate} requests/s", workload.TakeFailures()));
                }
            }
        }
        finally
        {
            foreach (var (_, server, _) in servers)
            {
                await server.DisposeAsync();
            }

            foreach (var (_, connectionString) in providers)
            {
                await DropDatabaseAsync(connectionString);
            }
        }
    }

    private static IEnumerable<(string Name, string? ConnectionString)> Providers()
    {
        if (Environment.GetEnvironmentVariable("HTTP_LOAD_PROVIDERS") is not { Length: > 0 } only || only.Contains("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            yield return ("Sqlite", null);
        }

        if (Environment.GetEnvironmentVariable("HTTP_LOAD_POSTGRES") is { Length: > 0 } postgres)
        {
            var database = new NpgsqlConnectionStringBuilder(postgres) { Database = $"escalation_http_load_{Guid.NewGuid():N}"[..40] };
            yield return ("Postgres", database.ConnectionString);
        }
    }

    private static async Task<Window> ClosedLoopAsync(ServerProcess server, HttpLoadWorkload workload, int clients, TimeSpan length)
    {
        using var http = Client(server.Address, clients);
        var window = await Window.StartAsync(server);
        var end = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await workload.SendAsync(http, random);
                window.Record(started, ok);
            }
        })));
        await window.StopAsync();
        return window;
    }

    private static async Task<Window> FixedRateAsync(ServerProcess server, HttpLoadWorkload workload, int rate, TimeSpan length)
    {
        using var http = Client(server.Address, 1_024);
        var random = new Random(rate);
        var inFlight = new List<Task>();
        var window = await Window.StartAsync(server);
        var start = Stopwatch.GetTimestamp();
        var total = (long)(rate * length.TotalSeconds);
        for (long issued = 0; issued < total;)
        {
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(start).TotalSeconds * rate));
            for (; issued < due; issued++)
            {
                // Latency from when the request was due, not when it went out: a late sender must not hide a slow server.
                var scheduled = start + (long)(issued * (double)Stopwatch.Frequency / rate);
                var seed = random.Next();
                inFlight.Add(Task.Run(async () => window.Record(scheduled, await workload.SendAsync(http, new Random(seed)))));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(inFlight);
        await window.StopAsync();
        return window;
    }

    private static HttpClient Client(Uri address, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", HttpLoadServer.Key);
        return http;
    }

    private static async Task DropDatabaseAsync(string? connectionString)
    {
        if (connectionString is null)
        {
            return;
        }

        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var name = database.Database;
        database.Database = "postgres";
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>One measured window: requests, latencies, the server's CPU time and the ticket events it committed.</summary>
    private sealed class Window
    {
        private readonly List<double> _latencies = [];
        private readonly ServerProcess _server;
        private long _failures;
        private long _started;
        private TimeSpan _cpuAtStart;
        private TimeSpan _clientCpuAtStart;
        private PostgresProcessTime? _postgresAtStart;
        private long _eventsAtStart;

        // Commits the policies had not handled yet when the window was due, how long they took to, and the server's CPU
        // meanwhile: with no request coming in, that is what the policy runs cost per commit.
        private (long Commits, double Seconds, TimeSpan Cpu) _backlog;

        private Window(ServerProcess server) => _server = server;

        public TimeSpan Elapsed { get; private set; }

        public TimeSpan ServerCpu { get; private set; }

        /// <summary>This process's CPU time in the window: the load client shares the machine's two cores with the server.</summary>
        public TimeSpan ClientCpu { get; private set; }

        /// <summary>The PostgreSQL server's CPU time in the window, when it runs on this machine; null on SQLite (in the server process).</summary>
        public TimeSpan? DatabaseCpu { get; private set; }

        public long Events { get; private set; }

        /// <summary>
        /// Waits until the policies have handled every commit that the seeding or the previous window left, so a window
        /// measures its own load, not the recovery from the last one's (the API refuses writes while they are behind).
        /// </summary>
        public static async Task<Window> StartAsync(ServerProcess server)
        {
            var watch = Stopwatch.StartNew();
            var cpuBefore = server.Cpu;
            var backlog = await server.AskAsync("backlog");
            for (var waiting = backlog; waiting > 0 && watch.Elapsed < TimeSpan.FromMinutes(3); waiting = await server.AskAsync("backlog"))
            {
                await Task.Delay(200);
            }

            var window = new Window(server) { _eventsAtStart = await server.AskAsync("events") };
            window._cpuAtStart = server.Cpu;
            window._clientCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            window._postgresAtStart = server.OnPostgres ? PostgresProcessTime.Read() : null;
            window._backlog = (backlog, watch.Elapsed.TotalSeconds, window._cpuAtStart - cpuBefore);
            window._started = Stopwatch.GetTimestamp();
            return window;
        }

        public void Record(long startedAt, bool ok)
        {
            var ms = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
            lock (_latencies)
            {
                _latencies.Add(ms);
                if (!ok)
                {
                    _failures++;
                }
            }
        }

        public async Task StopAsync()
        {
            Elapsed = Stopwatch.GetElapsedTime(_started);
            ServerCpu = _server.Cpu - _cpuAtStart;
            ClientCpu = Process.GetCurrentProcess().TotalProcessorTime - _clientCpuAtStart;
            DatabaseCpu = _postgresAtStart?.Since();
            Events = await _server.AskAsync("events") - _eventsAtStart;
        }

        public object Report(string provider, string mode, string shape, string failedStatuses)
        {
            _latencies.Sort();
            var requests = _latencies.Count;
            var seconds = Elapsed.TotalSeconds;
            var result = new
            {
                provider,
                mode,
                shape,
                requests,
                failures = _failures,
                failedStatuses,
                requestsPerSecond = Math.Round(requests / seconds),
                ticketEventsPerSecond = Math.Round(Events / seconds),
                p50Ms = Math.Round(Percentile(0.50), 1),
                p99Ms = Math.Round(Percentile(0.99), 1),
                serverCpuMsPerRequest = Math.Round(ServerCpu.TotalMilliseconds / Math.Max(1, requests), 3),
                serverCores = Math.Round(ServerCpu.TotalSeconds / seconds, 2),
                clientCores = Math.Round(ClientCpu.TotalSeconds / seconds, 2),
                databaseCpuMsPerRequest = DatabaseCpu is { } database ? Math.Round(database.TotalMilliseconds / Math.Max(1, requests), 3) : (double?)null,
                databaseCores = DatabaseCpu is { } databaseTime ? Math.Round(databaseTime.TotalSeconds / seconds, 2) : (double?)null,
                loadAverage = LoadAverage(),
                backlogAtStart = _backlog.Commits,
                backlogWorkedOffSeconds = Math.Round(_backlog.Seconds, 1),
                backlogCpuMsPerCommit = _backlog.Commits > 0 ? Math.Round(_backlog.Cpu.TotalMilliseconds / _backlog.Commits, 2) : 0,
            };
            Console.WriteLine($"{provider,-9} {mode,-10} {result.requestsPerSecond,7:N0} requests/s, " +
                              $"{result.ticketEventsPerSecond,7:N0} ticket events/s ({requests:N0} requests, {_failures} failed{(failedStatuses.Length > 0 ? ": " + failedStatuses : "")}); " +
                              $"p50 {result.p50Ms:N1} ms, p99 {result.p99Ms:N1} ms; " +
                              $"server {result.serverCpuMsPerRequest:N3} ms CPU/request ({result.serverCores:N2} cores), client {result.clientCores:N2} cores; " +
                              (result.databaseCores is { } cores ? $"PostgreSQL {result.databaseCpuMsPerRequest:N3} ms CPU/request ({cores:N2} cores); " : "") +
                              $"load average {result.loadAverage}; " +
                              $"started after the policies worked off {_backlog.Commits:N0} waiting commits in {_backlog.Seconds:N1} s" +
                              (_backlog.Commits > 0 ? $" ({result.backlogCpuMsPerCommit:N2} ms CPU a commit)" : ""));
            return result;
        }

        private double Percentile(double p) => _latencies.Count == 0 ? 0 : _latencies[Math.Min(_latencies.Count - 1, (int)(p * _latencies.Count))];

        private static string LoadAverage() =>
            File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
    }

    /// <summary>The server child (<c>-- http-load-server</c>): started, asked for its event count, stopped.</summary>
    internal sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Channel<long> _counts = Channel.CreateUnbounded<long>();
        private Task _reader = Task.CompletedTask;

        private ServerProcess(Process process, Uri address, List<Guid> seeded)
        {
            _process = process;
            Address = address;
            Seeded = seeded;
        }

        public Uri Address { get; }

        public List<Guid> Seeded { get; }

        public bool OnPostgres { get; private init; }

        public TimeSpan Cpu
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        /// <param name="tickets">Tickets to seed; HTTP_LOAD_TICKETS (600) when not given.</param>
        public static async Task<ServerProcess> StartAsync(string provider, string? connectionString, int? tickets = null)
        {
            var start = ChildProcess.StartInfo("http-load-server");
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.Environment["HTTP_LOAD_CHILD_PROVIDER"] = provider;
            start.Environment["HTTP_LOAD_CHILD_CONNECTION"] = connectionString ?? "";
            if (tickets is { } count)
            {
                start.Environment["HTTP_LOAD_TICKETS"] = count.ToString(CultureInfo.InvariantCulture);
            }

            // The server project is a web app, which runs the server garbage collector; the benchmark is a console app.
            start.Environment.TryAdd("DOTNET_gcServer", "1");
            var process = Process.Start(start)!;
            var seeded = new List<Guid>();
            var watch = Stopwatch.StartNew();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("ticket ", StringComparison.Ordinal))
                {
                    seeded.Add(Guid.Parse(line.AsSpan(7)));
                }
                else if (line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    Console.WriteLine($"{provider}: server process {process.Id} at {line[10..]}, {seeded.Count} tickets seeded in {watch.Elapsed.TotalSeconds:N0} s");
                    var server = new ServerProcess(process, new Uri(line[10..]), seeded) { OnPostgres = connectionString is not null };
                    server._reader = Task.Run(server.ReadOutputAsync);
                    return server;
                }
                else
                {
                    Console.WriteLine($"  server: {line}");
                }
            }

            throw new InvalidOperationException($"the server process exited ({process.ExitCode}) before it listened");
        }

        /// <summary>Asks the server for one figure: <c>events</c> committed so far, or the <c>backlog</c> of unhandled commits.</summary>
        public async Task<long> AskAsync(string figure)
        {
            await _gate.WaitAsync();
            try
            {
                await _process.StandardInput.WriteLineAsync(figure);
                return await _counts.Reader.ReadAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        // Read all along: a server that logs must never block on a full pipe.
        private async Task ReadOutputAsync()
        {
            var shown = 0;
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("events ", StringComparison.Ordinal) || line.StartsWith("backlog ", StringComparison.Ordinal))
                {
                    _counts.Writer.TryWrite(long.Parse(line.AsSpan(line.IndexOf(' ') + 1), CultureInfo.InvariantCulture));
                }
                else if (shown++ < 50)
                {
                    Console.WriteLine($"  server: {line}");
                }
            }

            _counts.Writer.TryComplete();
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("stop");
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _reader;

            _process.Dispose();
        }
    }

    /// <summary>
    /// The CPU time of the PostgreSQL processes on this machine (<c>/proc</c>): the backends serving the server's
    /// connections, and the writer, checkpointer and vacuum beside them. PostgreSQL's work is CPU the machine's two
    /// cores no longer have for the server, so a change that moves work into the database shows here, not in the
    /// server's figure. A process that ends within the window (an autovacuum worker) is not counted.
    /// </summary>
    internal sealed class PostgresProcessTime
    {
        // Linux counts process times in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.
        private const double TicksPerSecond = 100;

        private readonly Dictionary<int, long> _ticks;

        private PostgresProcessTime(Dictionary<int, long> ticks) => _ticks = ticks;

        /// <summary>Null where the machine has no <c>/proc</c> or runs no PostgreSQL process (a database elsewhere).</summary>
        public static PostgresProcessTime? Read() => Ticks() is { Count: > 0 } ticks ? new PostgresProcessTime(ticks) : null;

        public TimeSpan Since()
        {
            var ticks = Ticks().Sum(now => now.Value - _ticks.GetValueOrDefault(now.Key));
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }

        private static Dictionary<int, long> Ticks()
        {
            var ticks = new Dictionary<int, long>();
            if (!Directory.Exists("/proc"))
            {
                return ticks;
            }

            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    continue;
                }

                try
                {
                    // pid (comm) state ppid ... utime stime: the 14th and 15th fields, counted after the command's closing parenthesis.
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var close = stat.LastIndexOf(')');
                    if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var fields = stat[(close + 2)..].Split(' ');
                    ticks[pid] = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Ended while being read, or another user's process this one may not read.
                }
            }

            return ticks;
        }
    }
}
