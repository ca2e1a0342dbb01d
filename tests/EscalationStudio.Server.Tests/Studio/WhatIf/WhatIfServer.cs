using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Server.Tests.Org;
using EscalationStudio.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.Studio.WhatIf;

/// <summary>
/// The test server (its own SQLite file, fake clock) with the repository's retention fast lane published: refund
/// words send a case to retention. A What-if test saves a draft that sends them to billing instead.
/// </summary>
public class WhatIfServer : EscalationServer
{
    public const string Policy = "retention-fast-lane";

    public WhatIfServer()
    {
        var policy = Path.Combine(Root, "workflows", "escalation", Policy + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(policy)!);
        File.Copy(SampleFile, policy);
    }

    public static string SampleFile => Path.Combine(RepositoryFolder.Path, "workflows", "escalation", Policy + ".json");

    /// <summary>Saves, without publishing, the sample policy with its escalation sent to <paramref name="tier"/>.</summary>
    public static async Task SaveDraftAsync(HttpClient manager, string tier)
    {
        var model = JsonNode.Parse(await File.ReadAllTextAsync(SampleFile))!.AsObject();
        model.Remove("id");
        model["isPublished"] = false;
        var escalate = model["root"]!["activities"]!.AsArray().Single(a => (string?)a!["type"] == "Escalation.EscalateToTier")!;
        escalate["tier"]!["expression"]!["value"] = tier;
        using var saved = await manager.PostAsJsonAsync("elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false });
        saved.EnsureSuccessStatusCode();
    }
}

/// <summary>The same on real Kestrel at 127.0.0.1, for the browser.</summary>
public sealed class KestrelWhatIfServer : WhatIfServer, IAsyncLifetime
{
    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient OverHttp(string key) => BaseAddress.WithApiKey(key);

    public Task InitializeAsync()
    {
        BaseAddress = this.StartOnLoopback();
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
