using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Studio.Descriptors;

/// <summary>
/// What the designer sees of every activity (toolbox entries, inputs, hints, defaults, dropdown options, ports) is the
/// checked-in file <c>activity-descriptors.approved.json</c> beside this test: a change to it is a reviewed diff.
/// </summary>
/// <remarks>
/// To approve an intended change, run the test with <c>ESCALATION_APPROVE_SNAPSHOTS=1</c>
/// (<c>ESCALATION_APPROVE_SNAPSHOTS=1 dotnet test tests/EscalationStudio.Server.Tests --filter ActivityDescriptorSnapshotTests</c>):
/// it rewrites the file from the server's answer; review and commit the file's diff with the change.
/// The server runs on the repository's sample org directory and templates/, so their tiers, calendars and templates
/// are part of the snapshot.
/// </remarks>
public sealed class ActivityDescriptorSnapshotTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private const string ApproveVariable = "ESCALATION_APPROVE_SNAPSHOTS";

    private static readonly string ApprovedFile = Path.Combine(Studio.Repository.Root,
        "tests", "EscalationStudio.Server.Tests", "Studio", "Descriptors", "activity-descriptors.approved.json");

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task The_activity_descriptors_Studio_reads_match_the_approved_snapshot()
    {
        using var client = server.ClientWithKey(EscalationServer.ManagerKey);

        var received = Normalize(await Studio.ElsaApi.GetJson(client, "elsa/api/descriptors/activities"));

        if (Environment.GetEnvironmentVariable(ApproveVariable) is "1" or "true")
        {
            await File.WriteAllTextAsync(ApprovedFile, received);
        }

        var approved = File.Exists(ApprovedFile) ? (await File.ReadAllTextAsync(ApprovedFile)).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(approved == received,
            $"The activity descriptors differ from {ApprovedFile} (- approved, + received). If the change is intended, "
            + $"run the test again with {ApproveVariable}=1 to rewrite the file, and commit its diff.\n{SnapshotDiff.Describe(approved, received)}");
    }

    /// <summary>Sorted by type name and version: the order of the registry follows the assembly's type order, which a moved file changes.</summary>
    private static string Normalize(JsonObject list)
    {
        var items = list["items"]!.AsArray()
            .Select(item => item!.AsObject())
            .OrderBy(item => (string?)item["typeName"], StringComparer.Ordinal)
            .ThenBy(item => (int?)item["version"])
            .Select(item => item.DeepClone())
            .ToArray();
        return new JsonObject { ["items"] = new JsonArray(items), ["count"] = list["count"]?.DeepClone() }.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }
}
