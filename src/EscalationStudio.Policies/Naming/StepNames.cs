using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationStudio.Workflows.Descriptors;

namespace EscalationStudio.Policies.Naming;

/// <summary>
/// A step's name as a support manager reads it. Elsa Studio names a dropped activity after its type and a counter
/// ("EscalateToTier1": the 1 counts drops, it is not a tier), and older files use identifiers ("HighValue"); neither
/// should reach a timeline or a briefing.
/// </summary>
public static partial class StepNames
{
    /// <summary>
    /// The name to show: a name the manager wrote stays; an identifier turns into words ("HighValue": "High value");
    /// the designer's default, or no name, becomes the activity's display name ("Escalate to tier").
    /// </summary>
    public static string Readable(string? name, string type, ActivityDescriptor? descriptor)
    {
        if (string.IsNullOrWhiteSpace(name) || IsDesignerDefault(name, type))
        {
            return descriptor?.DisplayName ?? Words(ShortType(type));
        }

        return IsIdentifier(name) ? Words(name) : name.Trim();
    }

    /// <summary>Whether the designer made the name up: the type's own name with a counter, as Elsa Studio 3.8 names a drop.</summary>
    public static bool IsDesignerDefault(string name, string type)
    {
        var shortType = ShortType(type);
        return name.Length >= shortType.Length
            && name.StartsWith(shortType, StringComparison.Ordinal)
            && name.AsSpan(shortType.Length).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    /// <summary>"EscalateToTier" → "Escalate to tier", "VipCustomer2" → "Vip customer 2"; capitals-only words (SLA, VIP) stay.</summary>
    public static string Words(string identifier)
    {
        var words = WordBoundary().Split(identifier.Replace('_', ' ').Replace('-', ' ')).Where(w => w.Length > 0).ToList();
        return string.Join(' ', words.Select((w, i) => i == 0 || IsAcronym(w) ? w : w.ToLowerInvariant()));
    }

    /// <summary>The activities of a definition's root, flowcharts and containers included, by id.</summary>
    public static IEnumerable<JsonObject> Activities(JsonObject? root)
    {
        if (root is null)
        {
            yield break;
        }

        // In the order written, so the first of two dropped activities keeps the plain name.
        var pending = new Queue<JsonObject>([root]);
        while (pending.TryDequeue(out var activity))
        {
            yield return activity;
            foreach (var child in activity.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>().Where(o => o["type"] is JsonValue && o["id"] is JsonValue))
            {
                pending.Enqueue(child);
            }

            foreach (var child in activity.Select(p => p.Value).OfType<JsonObject>().Where(o => o["type"] is JsonValue && o["id"] is JsonValue))
            {
                pending.Enqueue(child);
            }
        }
    }

    private static string ShortType(string type) => type[(type.LastIndexOf('.') + 1)..];

    private static bool IsIdentifier(string name) => !name.Contains(' ', StringComparison.Ordinal) && name.Any(char.IsUpper) && name.Skip(1).Any(char.IsUpper);

    private static bool IsAcronym(string word) => word.Length > 1 && word.All(c => char.IsUpper(c) || char.IsDigit(c)) && word.Any(char.IsLetter);

    // Splits before a capital that follows a small letter or digit, before a capital that starts a word after capitals
    // (SLATimer: SLA | Timer), between letters and digits, and at spaces.
    [GeneratedRegex(@"\s+|(?<=[a-z])(?=[A-Z0-9])|(?<=[0-9])(?=[A-Za-z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex WordBoundary();
}
