using System.Net.Http.Headers;
using EscalationStudio.Domain.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EscalationStudio.Server.Tests;

/// <summary>
/// The server in-process with its own SQLite file in a temporary data folder, a workflows folder holding only a copy
/// of the repository's sample org directory (with its holiday feeds) (so no sample policy acts on test tickets), a fake clock and one API key
/// per role (plus agents of tier-1 and tier-2 and a manager who is an agent).
/// </summary>
public class EscalationServer : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0000000001";
    public const string ManagerKey = "test-manager-key-000000001";
    public const string Tier1AgentKey = "test-agent-ana-kovac-00001";
    public const string Tier2AgentKey = "test-agent-katrin-vogel-01";
    public const string ManagerAgentKey = "test-agent-claire-dupont-1";
    public const string Tier1Agent = "ana.kovac";
    public const string Tier1Colleague = "malik.haddad";
    public const string Tier2Agent = "katrin.vogel";
    public const string ManagerAgent = "claire.dupont";

    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public EscalationServer()
    {
        Root = Path.Combine(Path.GetTempPath(), "escalation-server-tests", Guid.NewGuid().ToString("N"));
        var sampleOrg = Path.Combine(Org.RepositoryFolder.Path, "workflows", "org");
        foreach (var file in Directory.GetFiles(sampleOrg, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(Root, "workflows", "org", Path.GetRelativePath(sampleOrg, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        Settings["Escalation:WorkflowsPath"] = Path.Combine(Root, "workflows");
    }

    public string OrgFile => Path.Combine(Root, "workflows", "org", "directory.json");

    public string Root { get; }

    public string DataPath => Path.Combine(Root, "data");

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Configuration on top of the defaults; set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Auth:ApiKeys:0:Key"] = AdminKey,
        ["Auth:ApiKeys:0:Role"] = "admin",
        ["Auth:ApiKeys:1:Key"] = ManagerKey,
        ["Auth:ApiKeys:1:Role"] = "manager",
        ["Auth:ApiKeys:1:Name"] = "duty-manager",
        ["Auth:ApiKeys:2:Key"] = Tier1AgentKey,
        ["Auth:ApiKeys:2:Role"] = "agent",
        ["Auth:ApiKeys:2:AgentId"] = Tier1Agent,
        ["Auth:ApiKeys:3:Key"] = Tier2AgentKey,
        ["Auth:ApiKeys:3:Role"] = "agent",
        ["Auth:ApiKeys:3:AgentId"] = Tier2Agent,
        ["Auth:ApiKeys:4:Key"] = ManagerAgentKey,
        ["Auth:ApiKeys:4:Role"] = "manager",
        ["Auth:ApiKeys:4:AgentId"] = ManagerAgent,
    };

    public List<TicketEvent> ObservedEvents { get; } = [];

    /// <summary>Every log line of the host, as "Category: message".</summary>
    public List<string> Logs { get; } = [];

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    public HttpClient Admin() => ClientWithKey(AdminKey);

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="use"/> on the desk of a scope of its own, as a request would.</summary>
    public Task<T> InDeskAsync<T>(Func<ITicketDesk, Task<T>> use) => InScopeAsync(sp => use(sp.GetRequiredService<ITicketDesk>()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Escalation:DataPath", DataPath);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ITicketEventObserver>(new RecordingObserver(ObservedEvents));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left to the OS temp cleaner rather than failing the run.
            }
        }
    }

    private sealed class CapturingLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, List<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{category}: {formatter(state, exception)}");
            }
        }
    }

    private sealed class RecordingObserver(List<TicketEvent> events) : ITicketEventObserver
    {
        public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> committed, CancellationToken cancellationToken)
        {
            lock (events)
            {
                events.AddRange(committed);
            }

            return ValueTask.CompletedTask;
        }
    }
}
