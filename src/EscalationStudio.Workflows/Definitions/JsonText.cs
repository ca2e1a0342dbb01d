using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Definitions;

/// <summary>
/// Text in JSON that every store and writer can take. A parsed <see cref="JsonNode"/> reads its strings lazily, so a
/// lone surrogate escape (<c>"\ud800"</c>) or invalid UTF-8 in a body only throws when some later step touches that
/// string; a property named twice throws on the object's first use; and PostgreSQL refuses the NUL character in
/// text. Walking the whole tree once, up front, turns each into a clear problem naming the path, before anything is
/// read, stored or written.
/// </summary>
public static class JsonText
{
    /// <summary>The first string or property name under <paramref name="node"/> that cannot be stored, with its path; null when all can.</summary>
    /// <param name="path">The node's own path, as the caller names it (e.g. <c>model</c>); children are <c>path.key</c> and <c>path[i]</c>.</param>
    public static (string Path, string Problem)? FindUnstorable(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> properties;
                try
                {
                    properties = [.. obj];
                }
                catch (InvalidOperationException)
                {
                    return (path, "has a property name that is not valid UTF-8 or UTF-16 text");
                }
                catch (ArgumentException)
                {
                    // A parsed object keeps duplicates until first used, and then throws on every use.
                    return (path, "has the same property name twice");
                }

                foreach (var (key, child) in properties)
                {
                    if (Unstorable(key) is { } problem)
                    {
                        return (path, $"has a property name that {problem}");
                    }

                    if (FindUnstorable(child, path.Length == 0 ? key : $"{path}.{key}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindUnstorable(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    return (path, "is not valid UTF-8 or UTF-16 text");
                }

                return Unstorable(text) is { } unstorable ? (path, unstorable) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Why the text cannot be stored, or null: a NUL character (PostgreSQL refuses it in text and JSON) or an unpaired
    /// surrogate (no character at all). The ticket domain has the same rule for ticket text (TicketText).
    /// </summary>
    public static string? Unstorable(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var span = text.AsSpan();
        var nul = span.IndexOf('\0');
        if (nul >= 0)
        {
            return $"contains a NUL character (U+0000) at position {nul + 1}, which cannot be stored";
        }

        for (var at = span.IndexOfAnyInRange('\uD800', '\uDFFF'); at >= 0;)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 == span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                return $"contains an unpaired surrogate (U+{(int)span[at]:X4}) at position {at + 1}, which is not valid Unicode";
            }

            var next = span[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + 2 + next;
        }

        return null;
    }
}
