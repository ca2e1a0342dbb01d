using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Server.Hosting;
using EscalationStudio.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// The server side of <c>-- http-load</c>, run as a child process (<c>-- http-load-server</c>) so the load client's
/// CPU is not counted as the server's: the real server wiring on Kestrel at 127.0.0.1, with the sample org (and the
/// sample policies unless HTTP_LOAD_POLICIES=none). It opens the seed tickets through the desk, prints
/// <c>ticket &lt;id&gt;</c> for each and <c>listening &lt;url&gt;</c>, then answers <c>events</c> with the number of
/// ticket events committed so far and <c>backlog</c> with the commits the policies have not handled yet, and stops at
/// <c>stop</c> or when its input closes.
/// </summary>
internal static class HttpLoadServer
{
    public const string Key = "http-load-admin-key-000001";

    public static async Task RunAsync()
    {
        var provider = Environment.GetEnvironmentVariable("HTTP_LOAD_CHILD_PROVIDER") ?? "Sqlite";
        var connectionString = Environment.GetEnvironmentVariable("HTTP_LOAD_CHILD_CONNECTION") is { Length: > 0 } configured ? configured : null;
        var tickets = RuntimeBenchmark.Setting("HTTP_LOAD_TICKETS", 600);
        await using var host = new LoadHost(provider, connectionString);
        var address = host.Start();
        foreach (var id in await SeedAsync(host.Services, tickets))
        {
            Console.WriteLine($"ticket {id}");
        }

        Console.WriteLine($"listening {address}");
        while (Console.ReadLine() is { } line && line != "stop")
        {
            if (line == "events")
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
                Console.WriteLine($"events {await db.TicketEvents.LongCountAsync()}");
            }
            else if (line == "backlog")
            {
                // The outbox keeps every commit until the policies have handled it, whether it waits in memory or not.
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
                var waiting = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM ticket_event_outbox").SingleAsync();
                Console.WriteLine($"backlog {waiting}");
            }
        }
    }

    /// <summary>Tickets with conversations of 5 to 50 customer and agent messages (27 on average), opened through the desk.</summary>
    private static async Task<List<Guid>> SeedAsync(IServiceProvider services, int count)
    {
        var ids = new List<Guid>(count);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= count)
            {
                var random = new Random(n);
                await using var scope = services.CreateAsyncScope();
                var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
                var ticket = await desk.CreateAsync(
                    new NewTicket(
                        $"Invoice export stuck (#{n})",
                        "The export button spins forever after the last update.",
                        new NewTicketRequester($"Seed Customer {n}", $"seed-{n}@example.com", "Example Ltd"),
                        TicketChannel.Email),
                    Actor.User("benchmark"));
                var messages = random.Next(5, 51);
                for (var m = 0; m < messages; m++)
                {
                    var customer = m % 2 == 0;
                    await desk.AddMessageAsync(
                        ticket.Id,
                        customer ? MessageKind.Customer : MessageKind.Agent,
                        HttpLoadWorkload.MessageBody(random, customer),
                        customer ? Actor.Customer(ticket.Requester.Id) : Actor.Agent("ana.kovac"));
                }

                lock (ids)
                {
                    ids.Add(ticket.Id);
                }
            }
        })));
        return ids;
    }

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

            return this.StartOnLoopback();
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

            // The server's own appsettings.json decides its logging (Information for the app's categories), as it
            // would in production; HTTP_LOAD_LOG_LEVEL overrides it to see what logging costs.
            if (Environment.GetEnvironmentVariable("HTTP_LOAD_LOG_LEVEL") is { Length: > 0 } level)
            {
                builder.ConfigureLogging(logging => logging.SetMinimumLevel(Enum.Parse<LogLevel>(level)));
            }
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
