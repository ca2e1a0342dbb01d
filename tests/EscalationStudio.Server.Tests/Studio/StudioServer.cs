using System.Net.Http.Headers;
using EscalationStudio.Testing;
using EscalationStudio.Workflows.Activities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 (a browser has to reach it), with its own SQLite file and its own copy
/// of the sample policies as <c>workflows/</c>, so tests can publish and watch files change.
/// </summary>
public sealed class StudioServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ManagerKey = "studio-test-manager-key-0001";
    public const string AdminKey = "studio-test-admin-key-000001";
    public const string AgentKey = "studio-test-agent-key-000001";

    private readonly string root = Path.Combine(Path.GetTempPath(), "escalation-studio-tests", Guid.NewGuid().ToString("N"));

    public StudioServer()
    {
        Directory.CreateDirectory(WorkflowsPath);
        foreach (var sample in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Studio", "Policies"), "*.json"))
        {
            File.Copy(sample, Path.Combine(WorkflowsPath, Path.GetFileName(sample)));
        }

        CopyRepositoryWorkflows();
    }

    public string WorkflowsPath => Path.Combine(root, "workflows");

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the policies' WriteLine activities wrote, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> WrittenLines { get; } = new();

    public HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        return client;
    }

    public HttpClient Anonymous(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>A policy file: new policies are written beside the samples in escalation/, files put at the top stay there.</summary>
    public string PolicyFile(string name) =>
        Path.Combine(WorkflowsPath, "escalation", name) is var nested && File.Exists(nested) ? nested : Path.Combine(WorkflowsPath, name);

    public Task InitializeAsync()
    {
        BaseAddress = this.StartOnLoopback();
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Escalation:WorkflowsPath", WorkflowsPath);
        builder.UseSetting("Escalation:DataPath", Path.Combine(root, "data"));
        builder.UseSetting("ConnectionStrings:Escalation", $"Data Source={Path.Combine(root, "escalation.db")}");
        Key(builder, 0, ManagerKey, "manager");
        Key(builder, 1, AdminKey, "admin");
        Key(builder, 2, AgentKey, "agent", agentId: "agent-ana");
        // The host registers the engine with the full activity library; where it does not yet, the built-in
        // activities serve (AddWorkflowEngine only adds what is missing).
        // The host runs the policies for real (engine, dispatcher, timers); the tests only listen to WriteLine.
        builder.ConfigureTestServices(services => services.AddSingleton<ITextSink>(new CapturedLines(WrittenLines)));
    }

    private static void Key(IWebHostBuilder builder, int index, string key, string role, string? agentId = null)
    {
        builder.UseSetting($"Auth:ApiKeys:{index}:Key", key);
        builder.UseSetting($"Auth:ApiKeys:{index}:Role", role);
        builder.UseSetting($"Auth:ApiKeys:{index}:Name", $"{role} (test)");
        if (agentId is not null)
        {
            builder.UseSetting($"Auth:ApiKeys:{index}:AgentId", agentId);
        }
    }

    /// <summary>The repository's org directory and sample escalation policies, so the designer shows real tiers and templates.</summary>
    private void CopyRepositoryWorkflows()
    {
        foreach (var folder in new[] { "org", "escalation" })
        {
            var source = Path.Combine(Repository.Root, "workflows", folder);
            if (!Directory.Exists(source))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(WorkflowsPath, folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS eventually.
        }
    }
}

internal sealed class CapturedLines(System.Collections.Concurrent.ConcurrentQueue<string> lines) : ITextSink
{
    public void WriteLine(string text) => lines.Enqueue(text);
}

[CollectionDefinition(Name)]
public sealed class StudioServerCollection : ICollectionFixture<StudioServer>
{
    public const string Name = "Studio server";
}

/// <summary>
/// A server of their own for the test-run tests: they assert what the sample retention policy does, and the designer
/// browser tests republish that policy with another tier on the shared studio server.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TestRunServerCollection : ICollectionFixture<StudioServer>
{
    public const string Name = "Studio server for test runs";
}
