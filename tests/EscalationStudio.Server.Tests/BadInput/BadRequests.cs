using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;

namespace EscalationStudio.Server.Tests.BadInput;

public enum Caller
{
    Admin,
    Manager,
    Agent,
    Anonymous,
    UnknownKey,
    MalformedHeader,
}

/// <summary>One generated request: what a careless client, a broken integration or a probing attacker sends.</summary>
public sealed record FuzzRequest(FuzzRoute Route, string Method, string Target, Caller Caller, string? ContentType, byte[]? Body)
{
    /// <summary>Under the API's prefixes, where every error is problem+json (the Studio pages answer HTML).</summary>
    public bool IsApi => Target.StartsWith("/api/", StringComparison.Ordinal) || Target.StartsWith("/elsa/api/", StringComparison.Ordinal);

    public override string ToString()
    {
        var body = Body is null ? "no body" : Body.Length > 160 ? $"{Body.Length} bytes: {Show(Body.AsSpan(0, 160))}…" : $"{Body.Length} bytes: {Show(Body)}";
        return $"{Method} {(Target.Length > 200 ? Target[..200] + "…" : Target)} as {Caller}, Content-Type {ContentType ?? "(none)"}, {body} (route {Route})";
    }

    private static string Show(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).Replace("\0", "\\0", StringComparison.Ordinal);
}

/// <summary>
/// Generators of bad requests for any route: path parameters that are missing, malformed, huge or hostile; query
/// strings of the handler's own names with the wrong values; JSON bodies of the endpoint's own shape with one field
/// broken (NUL, lone surrogates, invalid UTF-8, wrong types, huge strings, deep nesting); garbage, form and multipart
/// bodies; bogus content types and charsets; every kind of caller.
/// </summary>
internal static class BadRequests
{
    private static readonly string[] AnyMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] BadSegments =
    [
        "", " ", "%20", "%00", "a%00b", "%ED%A0%80", "%ED%B0%80x", "%FF%FE", "%C0%AF", "..", "..%2F..%2Fappsettings.json", "%2e%2e%2f%2e%2e%2f",
        new('x', 300), new('y', 4000), "00000000-0000-0000-0000-000000000000", "not-a-guid", "-1", "0", "2147483648", "99999999999999999999",
        "%C3%BC%E2%9C%93%E5%90%8D", "%F0%9F%92%A9", "%3Cscript%3E", "'%3B%20drop%20table%20tickets%3B--", "%0D%0ALocation:%20evil", "%7Bid%7D", "%25",
        "a%2Fb", "a/b/../../c", ".json", "-", "%09",
    ];

    private static readonly string[] QueryValues =
    [
        "", "%00", "a%00b", "%ED%A0%80", "%FF", new('q', 3000), "-1", "0", "1", "2147483648", "1e10", "NaN", "abc", "true", "null",
        "AllVersions", "Latest", "Published", "open", "urgent", "tier-1", "none", "ana.kovac", "Descending", "name",
        "2026-11-23T09:00:00Z", "not-a-date", "00000000-0000-0000-0000-000000000000", "/studio", "//evil.example", "/%09/evil.example/",
        "%0D%0ASet-Cookie:x=y", "%3Cscript%3Ealert(1)%3C/script%3E",
    ];

    private static readonly string[] CommonQueryNames = ["versionOptions", "page", "pageSize", "returnUrl", "id", "name", "status", "x"];

    // Placeholders a JSON writer cannot produce (it would escape or replace them); swapped into the body's bytes after writing.
    private static readonly (string Marker, byte[] Bytes)[] RawPayloads =
    [
        ("~~LONE-HIGH~~", "\"\\ud800\""u8.ToArray()),
        ("~~LONE-LOW~~", "\"x\\udc00y\""u8.ToArray()),
        ("~~REVERSED~~", "\"\\udc00\\ud800\""u8.ToArray()),
        ("~~CESU~~", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']),
        ("~~INVALID-UTF8~~", [(byte)'"', (byte)'a', 0xFF, 0xC3, 0x28, (byte)'"']),
        ("~~OVERLONG~~", [(byte)'"', 0xC0, 0xAF, (byte)'"']),
        ("~~HUGE-NUMBER~~", "1e400"u8.ToArray()),
        ("~~LONG-NUMBER~~", "123456789012345678901234567890"u8.ToArray()),
        ("~~DEEP~~", Encoding.ASCII.GetBytes(new string('[', 3000) + new string(']', 3000))),
        ("~~NUL-KEY~~", "{\"a\\u0000\":1}"u8.ToArray()),
        ("~~LONE-KEY~~", "{\"\\ud800\":1}"u8.ToArray()),
    ];

    public static Gen<FuzzRequest> For(FuzzServer server, JsonObject definition)
    {
        var routes = server.Routes.ToArray();
        return from route in Gen.Elements(routes)
               from method in Gen.Frequency((9, Gen.Elements(route.Methods)), (1, Gen.Elements(AnyMethods)))
               from path in Path(route.Pattern, server.KnownIds)
               from query in Query(route)
               from caller in Gen.Frequency(
                   (12, Gen.Constant(Caller.Admin)), (2, Gen.Constant(Caller.Manager)), (2, Gen.Constant(Caller.Agent)),
                   (2, Gen.Constant(Caller.Anonymous)), (1, Gen.Constant(Caller.UnknownKey)), (1, Gen.Constant(Caller.MalformedHeader)))
               from body in Body(route, definition)
               from contentType in ContentType(body.IsForm)
               select new FuzzRequest(route, method, path + query, caller, body.Bytes is null && contentType is null ? null : contentType, body.Bytes);
    }

    private static Gen<string> Path(RoutePattern pattern, Dictionary<string, string[]> knownIds) =>
        Gen.CollectToArray(pattern.PathSegments.Select(segment => Gen.CollectToArray(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => Gen.Constant(literal.Content),
                RoutePatternSeparatorPart separator => Gen.Constant(separator.Content),
                RoutePatternParameterPart parameter => Parameter(parameter, knownIds),
                _ => Gen.Constant(""),
            })).Select(parts => string.Concat(parts))))
            .Select(segments => "/" + string.Join('/', segments));

    private static Gen<string> Parameter(RoutePatternParameterPart parameter, Dictionary<string, string[]> knownIds)
    {
        var known = knownIds.TryGetValue(parameter.Name, out var ids) ? ids.Select(Uri.EscapeDataString).ToArray() : [];
        var isGuid = parameter.ParameterPolicies.Any(p => p.Content == "guid");
        var good = isGuid
            ? Gen.Frequency((3, known.Length > 0 ? Gen.Elements(known) : Gen.Fresh(() => Guid.NewGuid().ToString())), (1, Gen.Fresh(() => Guid.NewGuid().ToString())))
            : known.Length > 0 ? Gen.Elements(known) : Gen.Elements("1", "sample", "escalation");
        return Gen.Frequency((5, good), (5, Gen.Elements(BadSegments)));
    }

    /// <summary>The handler's own query names (simple parameters and [AsParameters] properties) and a few common ones.</summary>
    private static Gen<string> Query(FuzzRoute route)
    {
        var names = QueryNames(route.Handler).Concat(CommonQueryNames).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var pair = from name in Gen.Elements(names)
                   from value in Gen.Elements(QueryValues)
                   select $"{name}={value}";
        return Gen.Frequency(
            (5, Gen.Constant("")),
            (5, Gen.Choose(1, 4).SelectMany(n => Gen.ListOf(pair, n)).Select(pairs => "?" + string.Join('&', pairs))));
    }

    private static IEnumerable<string> QueryNames(MethodInfo? handler)
    {
        foreach (var parameter in handler?.GetParameters() ?? [])
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                {
                    yield return property.Name;
                }
            }
            else if (IsSimple(parameter.ParameterType) && parameter.Name is { } name)
            {
                yield return name;
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            type = type.GetElementType()!;
        }

        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime);
    }

    private readonly record struct GeneratedBody(byte[]? Bytes, bool IsForm);

    private static Gen<GeneratedBody> Body(FuzzRoute route, JsonObject definition)
    {
        var templates = Templates(route, definition).ToArray();
        var template = Gen.Elements(templates);
        var valid = template.Select(t => new GeneratedBody(Utf8(t.ToJsonString()), false));
        var broken = from t in template
                     from target in Gen.Choose(0, 10_000)
                     from value in BadValue()
                     from asKey in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
                     select new GeneratedBody(Break(t, target, value, asKey), false);
        var garbage = Gen.OneOf(
            Gen.Elements(
                "", " ", "{", "{\"a\":", "}", "null", "[]", "\"x\"", "12", "true", "{\"a\":1,}", "{\"subject\":}", "[1,2",
                "\uFEFF{}", "{\"\":\"\"}", "{\"subject\":\"x\",\"subject\":\"y\"}", "<xml/>", "key=value",
                "{\"name\":\"a\",\"name\":\"b\"}", "{\"model\":{\"name\":\"a\",\"name\":\"b\"}}", "{\"input\":{\"subject\":\"a\",\"subject\":\"b\"}}")
                .Select(text => new GeneratedBody(Utf8(text), false)),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(bytes => new GeneratedBody(bytes, false)),
            template.Select(t => new GeneratedBody(Encoding.Unicode.GetBytes(t.ToJsonString()), false)),
            Gen.Constant(new GeneratedBody([0xFF, 0xFE, 0x00, 0x7B, 0x00, 0x7D], false)),
            Gen.Constant(new GeneratedBody(Utf8(new string('[', 100_000)), false)));
        var form = Gen.Elements(
                $"key={EscalationServer.AdminKey}&returnUrl=/studio", "key=", "key=%00&returnUrl=%ED%A0%80", "returnUrl=/%09/evil.example/",
                "key=" + new string('k', 5000), "=&&&==", "key=a&key=b", "--boundary\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nx\r\n--boundary--")
            .Select(text => new GeneratedBody(Utf8(text), true));
        return Gen.Frequency(
            (2, Gen.Constant(new GeneratedBody(null, false))),
            (2, valid),
            (8, broken),
            (3, garbage),
            (1, form));
    }

    /// <summary>Bodies of the endpoint's own shape: its bound request type, else what the raw-body routes read.</summary>
    private static IEnumerable<JsonNode> Templates(FuzzRoute route, JsonObject definition)
    {
        if (route.BodyType is { } type && Sample(type, "", definition, 0) is { } sample)
        {
            yield return sample;
            yield break;
        }

        yield return definition.DeepClone();
        yield return new JsonObject { ["model"] = definition.DeepClone(), ["publish"] = true };
        yield return new JsonObject { ["input"] = new JsonObject { ["subject"] = "I want a refund", ["body"] = "Refund me or I cancel", ["vip"] = true } };
        yield return new JsonObject();
    }

    private static JsonNode? Sample(Type type, string name, JsonObject definition, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return name.ToLowerInvariant() switch
            {
                "email" => "dana.whitfield@example.com",
                "status" => "pending",
                "priority" => "high",
                "kind" => "customer",
                "channel" => "email",
                "tier" => "tier-2",
                "owner" or "agentid" => "ana.kovac",
                "decision" => "approve",
                "tag" => "billing",
                _ => $"Some {name} text",
            };
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return 4;
        }

        if (type == typeof(Guid))
        {
            return Guid.NewGuid().ToString();
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "2026-11-23T09:00:00Z";
        }

        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            return definition.DeepClone();
        }

        if (type.IsArray || (type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            return new JsonArray(Sample(element, name, definition, depth + 1));
        }

        if (type.IsClass && depth < 4)
        {
            var obj = new JsonObject();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetMethod is not null))
            {
                obj[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Sample(property.PropertyType, property.Name, definition, depth + 1);
            }

            return obj;
        }

        return null;
    }

    /// <summary>A bad value: a JSON node, or a marker for bytes no JSON writer would write.</summary>
    private static readonly object?[] BadValues =
    [
        "a\u0000b", "\u0000", "line\r\nbreak", "<script>alert(1)</script>", "ünïcödé ✓ 💩", "../../etc/passwd", "", "   ",
        new string('n', 218), new string('n', 260), new string('n', 2_000), new string('h', 70_000), new string('h', 600_000),
        12, -1, 0, 3.5, true, false, null, "[]", "{}", "[1,\"x\"]", "{\"a\":{\"b\":{}}}",
        .. RawPayloads.Select(p => p.Marker),
    ];

    private static Gen<object?> BadValue() => Gen.Elements(BadValues);

    private static byte[] Break(JsonNode template, int target, object? value, bool asKey)
    {
        var root = template.DeepClone();
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        var replacement = value switch
        {
            "[]" => new JsonArray(),
            "{}" => new JsonObject(),
            "[1,\"x\"]" => JsonNode.Parse("[1,\"x\"]"),
            "{\"a\":{\"b\":{}}}" => JsonNode.Parse("{\"a\":{\"b\":{}}}"),
            string text => JsonValue.Create(text),
            int number => JsonValue.Create(number),
            double number => JsonValue.Create(number),
            bool flag => JsonValue.Create(flag),
            _ => null,
        };

        if (slots.Count == 0)
        {
            root = new JsonObject { ["field"] = replacement };
        }
        else
        {
            var (parent, key, index) = slots[target % slots.Count];
            if (parent is JsonObject obj && key is not null)
            {
                if (asKey && value is string newKey)
                {
                    var kept = obj[key];
                    obj.Remove(key);
                    obj[newKey] = kept?.DeepClone();
                }
                else
                {
                    obj[key] = replacement;
                }
            }
            else if (parent is JsonArray array)
            {
                array[index] = replacement;
            }
        }

        var bytes = Utf8(root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        foreach (var (marker, payload) in RawPayloads)
        {
            bytes = Replace(bytes, Utf8($"\"{marker}\""), payload);
            bytes = Replace(bytes, Utf8(marker), payload.Length > 2 && payload[0] == '"' ? payload[1..^1] : payload);
        }

        return bytes;
    }

    private static void Collect(JsonNode node, List<(JsonNode Parent, string? Key, int Index)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    slots.Add((obj, key, -1));
                    if (child is not null)
                    {
                        Collect(child, slots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, slots);
                    }
                }

                break;
        }
    }

    private static Gen<string?> ContentType(bool isForm)
    {
        var json = Gen.Frequency<string?>(
            (12, Gen.Constant<string?>("application/json")),
            (2, Gen.Constant<string?>("application/json; charset=utf-8")),
            (1, Gen.Constant<string?>("application/json; charset=bogus")),
            (1, Gen.Constant<string?>("application/json; charset=utf-16")),
            (1, Gen.Constant<string?>("application/json; charset=latin1")),
            (1, Gen.Constant<string?>("application/json; charset=\"\"")),
            (1, Gen.Constant<string?>("text/json; charset=utf-32")),
            (1, Gen.Constant<string?>("text/plain")),
            (1, Gen.Constant<string?>("application/x-www-form-urlencoded")),
            (1, Gen.Constant<string?>("multipart/form-data")),
            (1, Gen.Constant<string?>("multipart/form-data; boundary=boundary")),
            (1, Gen.Constant<string?>("application/xml")),
            (1, Gen.Constant<string?>(";;;=")),
            (1, Gen.Constant<string?>(null)));
        var form = Gen.Frequency<string?>(
            (6, Gen.Constant<string?>("application/x-www-form-urlencoded")),
            (1, Gen.Constant<string?>("application/x-www-form-urlencoded; charset=bogus")),
            (1, Gen.Constant<string?>("multipart/form-data")),
            (1, Gen.Constant<string?>("multipart/form-data; boundary=boundary")),
            (1, Gen.Constant<string?>("application/json")),
            (1, Gen.Constant<string?>(null)));
        return isForm ? form : json;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Replace(byte[] source, byte[] marker, byte[] payload)
    {
        var at = source.AsSpan().IndexOf(marker);
        if (at < 0)
        {
            return source;
        }

        var result = new List<byte>(source.Length + payload.Length);
        var rest = source.AsSpan();
        while ((at = rest.IndexOf(marker)) >= 0)
        {
            result.AddRange(rest[..at]);
            result.AddRange(payload);
            rest = rest[(at + marker.Length)..];
        }

        result.AddRange(rest);
        return [.. result];
    }
}
