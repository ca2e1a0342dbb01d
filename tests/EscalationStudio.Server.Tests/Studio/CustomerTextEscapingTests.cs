using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>
/// What customers and policy authors write reaches briefings and notes verbatim (Markdown, correct for the text); every
/// page that shows it must show it as text. Each payload below would run, or break the page, if written raw into HTML.
/// </summary>
[Collection(TestRunServerCollection.Name)]
public sealed class CustomerTextEscapingTests(StudioServer server)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Attribute = "\"><img src=x onerror=alert(2)>";
    private const string Tag = "<b onmouseover=alert(3)>x";

    [Fact]
    public async Task A_script_in_the_customer_s_subject_message_and_name_shows_as_text_on_the_test_run_pages()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var input = new JsonObject
        {
            ["subject"] = $"Refund please {Script}",
            ["description"] = $"I want a refund now. {Script} {Attribute}",
            ["customerName"] = $"Mallory {Script}",
            ["organisation"] = Attribute,
            ["runFor"] = "120h",
        };

        using var run = await client.PostAsJsonAsync("elsa/api/workflow-definitions/retention-fast-lane/execute",
            new JsonObject { ["versionOptions"] = "Latest", ["input"] = input });
        var body = (await run.Content.ReadFromJsonAsync<JsonObject>())!;
        var instanceId = (string?)body["workflowInstanceId"];
        Assert.False(string.IsNullOrEmpty(instanceId), body.ToJsonString());
        // The briefing keeps the customer's words as they were: the text is right, so the pages must escape it.
        Assert.Contains(body["run"]!["ticket"]!["messages"]!.AsArray(), m => (string?)m!["kind"] == "internal-note" && ((string?)m["body"])!.Contains(Script, StringComparison.Ordinal));

        var runPage = await client.GetStringAsync($"studio/runs/{Uri.EscapeDataString(instanceId!)}");
        var listPage = await client.GetStringAsync("studio/runs?policy=retention-fast-lane");

        AssertShownAsText(runPage, Script);
        AssertShownAsText(runPage, Attribute);
        Assert.Contains("Refund please &lt;script&gt;alert(1)&lt;/script&gt;", runPage, StringComparison.Ordinal);
        Assert.Contains("Mallory &lt;script&gt;", runPage, StringComparison.Ordinal);
        // The pages load the server's own scripts (MudBlazor, Blazor); no script may come from the customer's text.
        Assert.DoesNotContain("<script>", listPage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_script_in_a_policy_s_name_description_or_id_shows_as_text_on_the_Studio_pages()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy($"escaped-{Guid.NewGuid():N}"[..24], $"Policy {Script}");
        model["description"] = Attribute;
        using var saved = await client.PostAsJsonAsync("elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var list = await client.GetStringAsync("studio");
        using var missingPolicy = await client.GetAsync($"studio/workflows/{Uri.EscapeDataString(Tag)}");
        using var missingRun = await client.GetAsync($"studio/runs/{Uri.EscapeDataString(Tag)}");
        var runsOfPolicy = await client.GetStringAsync($"studio/runs?policy={Uri.EscapeDataString(Script)}");

        AssertShownAsText(list, Script);
        AssertShownAsText(list, Attribute);
        Assert.Contains("Policy &lt;script&gt;alert(1)&lt;/script&gt;", list, StringComparison.Ordinal);
        AssertShownAsText(await missingPolicy.Content.ReadAsStringAsync(), Tag);
        AssertShownAsText(await missingRun.Content.ReadAsStringAsync(), Tag);
        AssertShownAsText(runsOfPolicy, Script);
    }

    private static void AssertShownAsText(string html, string payload)
    {
        Assert.DoesNotContain(payload, html, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(payload), html, StringComparison.Ordinal);
    }
}
