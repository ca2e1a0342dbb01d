using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EscalationStudio.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Ticket requests over real HTTP (<c>-- http-load</c>): the server on Kestrel at 127.0.0.1 with the sample org and
/// every sample policy (HTTP_LOAD_POLICIES=none: none), 32 clients that each open a ticket and add three customer messages to it, again and again,
/// for 15 seconds (after a 5-second warm-up), each waiting for its answer before the next request. Prints requests per
/// second on SQLite and, when HTTP_LOAD_POSTGRES holds a connection string, on PostgreSQL (a database of its own,
/// dropped afterwards). HTTP_LOAD_SECONDS and HTTP_LOAD_CLIENTS change the window and the clients.
/// </summary>
internal static class HttpLoad
{
    private const string Key = "http-load-admin-key-000001";
    private const int MessagesPerTicket = 3;

    public static async Task RunAsync()
    {
        var seconds = RuntimeBenchmark.Setting("HTTP_LOAD_SECONDS", 15);
        var clients = RuntimeBenchmark.Setting("HTTP_LOAD_CLIENTS", 32);
        Console.WriteLine($"HTTP load: {clients} clients on loopback, {seconds} s after a 5 s warm-up; each opens a ticket, then adds {MessagesPerTicket} customer messages");
        var results = new List<object>();
        foreach (var provider in Providers())
        {
            var host = new LoadHost(provider.Name, provider.ConnectionString);
            var address = host.Start();
            await RunWindowAsync(address, clients, TimeSpan.FromSeconds(5));
            var (requests, failures, elapsed, latencies) = await RunWindowAsync(address, clients, TimeSpan.FromSeconds(seconds));
            latencies.Sort();
            var perSecond = requests / elapsed.TotalSeconds;
            Console.WriteLine($"{provider.Name,-9} {perSecond,8:N0} requests/s ({requests:N0} in {elapsed.TotalSeconds:N1} s, {failures} failed); latency p50 {Percentile(latencies, 0.5):N1} ms, p99 {Percentile(latencies, 0.99):N1} ms");
            results.Add(new { provider = provider.Name, requestsPerSecond = Math.Round(perSecond), requests, failures, p50Ms = Math.Round(Percentile(latencies, 0.5), 1), p99Ms = Math.Round(Percentile(latencies, 0.99), 1) });
            // The policies may still be working off the queue: stop the server before its database goes.
            await host.DisposeAsync();
            await DropDatabaseAsync(provider.ConnectionString);
        }

        Console.WriteLine(JsonSerializer.Serialize(results));
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

    private static async Task<(int Requests, int Failures, TimeSpan Elapsed, List<double> LatenciesMs)> RunWindowAsync(Uri address, int clients, TimeSpan window)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", Key);
        var requests = 0;
        var failures = 0;
        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        var number = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (watch.Elapsed < window)
            {
                var n = Interlocked.Increment(ref number);
                var started = Stopwatch.GetTimestamp();
                using var created = await http.PostAsJsonAsync("api/tickets", new
                {
                    subject = $"Load ticket {n}",
                    description = "Opened by the HTTP load benchmark.",
                    requester = new { name = $"Load Customer {n % 500}", email = $"load-{n % 500}@example.com" },
                });
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref requests);
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
                for (var m = 0; m < MessagesPerTicket && watch.Elapsed < window; m++)
                {
                    started = Stopwatch.GetTimestamp();
                    var body = n % 10 == 0 && m == MessagesPerTicket - 1 ? "I would like a refund for last month, please." : $"Any news on this? (follow-up {m + 1})";
                    using var added = await http.PostAsJsonAsync($"api/tickets/{id}/messages", new { kind = "customer", body });
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref requests);
                    if (!added.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        return (requests, failures, watch.Elapsed, latencies);
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
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>The server on Kestrel at 127.0.0.1 (an ephemeral port), in a temporary folder, with one admin key.</summary>
    private sealed class LoadHost(string provider, string? connectionString) : WebApplicationFactory<EscalationPaths>
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), $"http-load-{Guid.NewGuid():N}");

        public Uri Start()
        {
            var repository = RuntimeHost.RepositoryFolder();
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ESCALATIONSTUDIO_SERVER", Path.Combine(repository, "src", "EscalationStudio.Server"));
            var sampleOrg = Path.Combine(repository, "workflows", "org");
            foreach (var file in Directory.GetFiles(sampleOrg, "*", SearchOption.AllDirectories))
            {
                CopyInto(file, Path.Combine("org", Path.GetRelativePath(sampleOrg, file)));
            }

            // Every sample policy, as `dotnet run` in the repository runs them (SLA timers included); HTTP_LOAD_POLICIES=none for the desk alone.
            var policies = Environment.GetEnvironmentVariable("HTTP_LOAD_POLICIES") == "none" ? [] : Directory.GetFiles(Path.Combine(repository, "workflows", "escalation"), "*.json");
            foreach (var policy in policies)
            {
                CopyInto(policy, Path.Combine("escalation", Path.GetFileName(policy)));
            }

            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Escalation:Provider", provider);
            if (connectionString is not null)
            {
                builder.UseSetting("ConnectionStrings:Escalation", connectionString);
            }

            builder.UseSetting("Escalation:DataPath", Path.Combine(_root, "data"));
            builder.UseSetting("Escalation:WorkflowsPath", Path.Combine(_root, "workflows"));
            builder.UseSetting("Escalation:TemplatesPath", Path.Combine(RuntimeHost.RepositoryFolder(), "templates"));
            builder.UseSetting("Auth:ApiKeys:0:Key", Key);
            builder.UseSetting("Auth:ApiKeys:0:Role", "admin");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                SqliteConnection.ClearAllPools();
                NpgsqlConnection.ClearAllPools();
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

        private void CopyInto(string source, string relative)
        {
            var copy = Path.Combine(_root, "workflows", relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(source, copy);
        }
    }
}
