using System.Net;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>
/// C# in policies is off unless <c>Escalation:Scripts:AllowCSharp</c> is set: a C# script can call any .NET API the
/// server can, and a manager key is not a key to the server.
/// </summary>
public sealed class CSharpSwitchTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private static JsonObject PolicyWithCSharp(string id)
    {
        var model = ElsaApi.NewPolicy(id, "Greets in C#");
        var write = model["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == "write1")!;
        write["text"] = new JsonObject
        {
            ["typeName"] = "String",
            ["expression"] = new JsonObject { ["type"] = "CSharp", ["value"] = "\"tier \" + (1 + 1)" },
        };
        return model;
    }

    [Fact]
    public async Task By_default_a_policy_using_csharp_is_refused_at_publish_naming_the_activity()
    {
        using var manager = server.ClientWithKey(EscalationServer.ManagerKey);

        var (response, body) = await ElsaApi.Save(manager, PolicyWithCSharp("csharp-off"), publish: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body!["errors"]!["root"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains(errors, e => e.StartsWith("activity write1:", StringComparison.Ordinal) && e.Contains("C# is turned off", StringComparison.Ordinal));
        Assert.Equal((false, false), await OfferedAsync(manager));
    }

    [Fact]
    public async Task With_csharp_allowed_the_same_policy_publishes()
    {
        await using var allowing = new EscalationServer();
        allowing.Settings["Escalation:Scripts:AllowCSharp"] = "true";
        using var manager = allowing.ClientWithKey(EscalationServer.ManagerKey);

        var (response, body) = await ElsaApi.Save(manager, PolicyWithCSharp("csharp-on"), publish: true);

        Assert.True(response.IsSuccessStatusCode, body?.ToJsonString());
        Assert.True((bool)body!["workflowDefinition"]!["isPublished"]!);
        Assert.Equal((true, true), await OfferedAsync(manager));
    }

    /// <summary>Whether Studio offers C# as an expression type and Run C# in its toolbox.</summary>
    private static async Task<(bool Expression, bool RunCSharp)> OfferedAsync(HttpClient client)
    {
        var expressions = await ElsaApi.GetJson(client, "elsa/api/descriptors/expression-descriptors");
        var activities = await ElsaApi.GetJson(client, "elsa/api/descriptors/activities");
        return (
            (bool)expressions["items"]!.AsArray().Single(e => (string?)e!["type"] == "CSharp")!["isBrowsable"]!,
            (bool)activities["items"]!.AsArray().Single(a => (string?)a!["typeName"] == "Elsa.RunCSharp")!["isBrowsable"]!);
    }
}
