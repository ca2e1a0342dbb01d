using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// The real server in-process (its Program wiring: ticket desk, policy dispatcher, engine, EF stores, Quartz timers)
/// on a SQLite file in a temporary folder, with the system clock and the given sample policies in its workflows folder.
/// </summary>
internal sealed class RuntimeHost : WebApplicationFactory<EscalationPaths>
{
    private readonly ITicketEventObserver _observer;

    public RuntimeHost(ITicketEventObserver observer, params string[] samplePolicies)
    {
        _observer = observer;
        Root = Path.Combine(Path.GetTempPath(), $"runtime-benchmark-{Guid.NewGuid():N}");
        var repository = RepositoryFolder();

        // The factory looks for the server's content root by project folder name next to the benchmark; point it there.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ESCALATIONSTUDIO_SERVER", Path.Combine(repository, "src", "EscalationStudio.Server"));
        var sampleOrg = Path.Combine(repository, "workflows", "org");
        foreach (var file in Directory.GetFiles(sampleOrg, "*", SearchOption.AllDirectories))
        {
            CopyInto(file, Path.Combine("org", Path.GetRelativePath(sampleOrg, file)));
        }

        foreach (var policy in samplePolicies)
        {
            CopyInto(Path.Combine(repository, "workflows", "escalation", policy), Path.Combine("escalation", policy));
        }
    }

    public string Root { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Escalation:DataPath", Path.Combine(Root, "data"));
        builder.UseSetting("Escalation:WorkflowsPath", Path.Combine(Root, "workflows"));
        builder.UseSetting("Escalation:TemplatesPath", Path.Combine(RepositoryFolder(), "templates"));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(_observer);

            // RUNTIME_BENCH_QUARTZ="quartz.x=1;quartz.y=2" tries Quartz settings without touching the server.
            foreach (var setting in (Environment.GetEnvironmentVariable("RUNTIME_BENCH_QUARTZ") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (setting.Split('=', 2)[0].Trim(), setting.Split('=', 2).ElementAtOrDefault(1)?.Trim() ?? "");
                services.Configure<QuartzOptions>(quartz => quartz.Properties[key] = value);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS temp cleaner.
            }
        }
    }

    private void CopyInto(string source, string relative)
    {
        var copy = Path.Combine(Root, "workflows", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(source, copy);
    }

    internal static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Studio.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the repository (Studio.sln not found above the build output)");
    }
}
