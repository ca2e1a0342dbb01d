extern alias server;
using EscalationStudio.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 with its own SQLite file and the repository's org directory (no policies),
/// for the commands that talk to a running server.
/// </summary>
public sealed class TicketServer : WebApplicationFactory<server::Program>, IAsyncLifetime
{
    public const string AdminKey = "cli-test-admin-key-00000001";
    public const string ManagerKey = "cli-test-manager-key-000001";
    public const string AgentKey = "cli-test-agent-key-00000001";

    private readonly string _root = Directory.CreateTempSubdirectory("escalation-cli-server-").FullName;

    public TicketServer()
    {
        var org = Path.Combine(EscalationCli.Repository(), "workflows", "org");
        foreach (var file in Directory.GetFiles(org, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_root, "workflows", "org", Path.GetRelativePath(org, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

    }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient WithKey(string key) => BaseAddress.WithApiKey(key);

    public Task InitializeAsync()
    {
        BaseAddress = this.StartOnLoopback();
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Escalation:WorkflowsPath", Path.Combine(_root, "workflows"));
        builder.UseSetting("Escalation:DataPath", Path.Combine(_root, "data"));
        foreach (var (index, key, role, agent) in new[] { (0, AdminKey, "admin", null), (1, ManagerKey, "manager", null), (2, AgentKey, "agent", "ana.kovac") })
        {
            builder.UseSetting($"Auth:ApiKeys:{index}:Key", key);
            builder.UseSetting($"Auth:ApiKeys:{index}:Role", role);
            if (agent is not null)
            {
                builder.UseSetting($"Auth:ApiKeys:{index}:AgentId", agent);
            }
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleaner rather than failing the run.
        }
    }
}
