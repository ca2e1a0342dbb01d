using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Bookmarks;

/// <summary>
/// Elsa's stimulus hash (Hasher.cs / StimulusHasher.cs): the name, the payload serialised with CLR (PascalCase)
/// property names and no indentation, and the optional activity instance id; empty parts dropped, joined with
/// <c>|</c>, SHA-256, upper-case hex. Reproducing it exactly keeps our trigger and bookmark tables Elsa-compatible.
/// </summary>
public static class StimulusHasher
{
    /// <summary>Default (PascalCase) naming, default escaping: what Elsa's hasher writes.</summary>
    internal static readonly JsonSerializerOptions PayloadOptions = new()
    {
        Encoder = JavaScriptEncoder.Default,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Hash(string stimulusName, object? payload, string? activityInstanceId = null)
    {
        var payloadText = payload switch
        {
            null => null,
            string text => text,
            JsonNode node => node.ToJsonString(PayloadOptions),
            _ => JsonSerializer.Serialize(payload, payload.GetType(), PayloadOptions),
        };
        var parts = new[] { stimulusName, payloadText, activityInstanceId }.Where(p => !string.IsNullOrEmpty(p));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts)));
        return Convert.ToHexString(bytes);
    }

    public static JsonNode? ToPayloadJson(object? payload) => payload switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(payload, payload.GetType(), PayloadOptions),
    };
}
