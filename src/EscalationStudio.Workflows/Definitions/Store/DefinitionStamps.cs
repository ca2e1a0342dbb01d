using System.Globalization;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// What the server records about a version in its <c>customProperties</c> (Elsa's place for a definition's own
/// facts, kept in the database and written into the policy file, so a git diff shows them too): who changed it and
/// when, its precedence among policies that react to the same events, and when it was retracted. Studio echoes
/// customProperties on every save, so these are the server's: a save never takes them from the request.
/// </summary>
public static class DefinitionStamps
{
    public const string ChangedBy = "changedBy";
    public const string ChangedAt = "changedAt";
    public const string Precedence = "precedence";
    public const string RetractedAt = "retractedAt";
    public const string Disabled = "disabled";

    private static readonly string[] ServerOwned = [ChangedBy, ChangedAt, Precedence, RetractedAt, Disabled];

    public static string? Author(WorkflowDefinition definition) => Text(definition, ChangedBy);

    public static DateTimeOffset? ChangedAtOf(WorkflowDefinition definition) =>
        DateTimeOffset.TryParse(Text(definition, ChangedAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    /// <summary>Higher runs first when one ticket event starts several policies; 0 when never set.</summary>
    public static int PrecedenceOf(WorkflowDefinition definition) =>
        definition.CustomProperties[Precedence] is JsonValue value && value.TryGetValue<int>(out var precedence) ? precedence
        : int.TryParse(Text(definition, Precedence), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : 0;

    /// <summary>Switched off by a manager: the policy stays published and in its file, but no ticket event starts it.</summary>
    public static bool IsDisabled(WorkflowDefinition definition) =>
        definition.CustomProperties[Disabled] is JsonValue value && value.TryGetValue<bool>(out var disabled) && disabled;

    public static bool IsRetracted(WorkflowDefinition definition) => !definition.IsPublished && Text(definition, RetractedAt) is not null;

    internal static void Stamp(WorkflowDefinition definition, string? author, DateTimeOffset at)
    {
        if (!string.IsNullOrWhiteSpace(author))
        {
            definition.CustomProperties[ChangedBy] = author.Trim();
        }

        definition.CustomProperties[ChangedAt] = at.ToString("O", CultureInfo.InvariantCulture);
    }

    /// <summary>A save copies the client's customProperties but keeps the server's own facts as they were.</summary>
    internal static JsonObject Merge(JsonObject stored, JsonObject sent)
    {
        var merged = (JsonObject)sent.DeepClone();
        foreach (var key in ServerOwned)
        {
            merged.Remove(key);
            if ((stored[key] ?? sent[key]) is { } value)
            {
                merged[key] = value.DeepClone();
            }
        }

        return merged;
    }

    private static string? Text(WorkflowDefinition definition, string key) =>
        definition.CustomProperties[key] is JsonValue value && value.ToString() is { Length: > 0 } text ? text : null;
}
