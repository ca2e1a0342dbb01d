using System.Collections;
using System.Dynamic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Expressions;

/// <summary>
/// Converts evaluated values (literal strings, JSON, script results) to the declared type of an input or variable,
/// with invariant culture, like Elsa's object converter: "00:00:05" becomes a TimeSpan, "True" a bool, 4.0 an Int32.
/// Untyped (<see cref="object"/>) values are normalised to plain data: strings, doubles, booleans,
/// <see cref="ExpandoObject"/> and <c>object?[]</c>, which is what scripts produce and what serialises cleanly.
/// </summary>
public static class ValueConverter
{
    public static T? Convert<T>(object? value) => (T?)Convert(value, typeof(T));

    public static object? Convert(object? value, Type target)
    {
        if (value is JsonElement element)
        {
            value = JsonSerializer.SerializeToNode(element);
        }

        if (value is null)
        {
            return DefaultOf(target);
        }

        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (underlying == typeof(object))
        {
            return value is JsonNode node ? FromJson(node) : value;
        }

        if (underlying.IsInstanceOfType(value) && value is not JsonNode)
        {
            return value;
        }

        try
        {
            return value is JsonNode json ? FromJsonNode(json, underlying) : ConvertClr(value, underlying);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or JsonException or NotSupportedException)
        {
            throw new InvalidCastException($"Cannot convert {Describe(value)} to {TypeAliases.GetAlias(target)}.", e);
        }
    }

    /// <summary>JSON to plain data: objects become <see cref="ExpandoObject"/>, arrays <c>object?[]</c>, numbers double.</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => ToExpando(obj),
        JsonArray array => array.Select(FromJson).ToArray(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>Plain data to JSON for persistence; user keys such as <c>$id</c> stay plain data.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        IDictionary<string, object?> map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>()
            .Select(k => KeyValuePair.Create(System.Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", ToJson(dictionary[k])))),
        IEnumerable sequence and not string => new JsonArray(sequence.Cast<object?>().Select(ToJson).ToArray()),
        _ => SerializeOrDescribe(value),
    };

    /// <summary>
    /// A value that cannot be serialised (a cycle, a delegate) is stored as its text rather than losing the whole
    /// instance state: the instance keeps running and the value is visibly degraded.
    /// </summary>
    private static JsonNode? SerializeOrDescribe(object value)
    {
        try
        {
            return JsonSerializer.SerializeToNode(value, value.GetType(), Definitions.WorkflowDefinitionJson.SerializerOptions);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return JsonValue.Create(value.ToString());
        }
    }

    private static ExpandoObject ToExpando(JsonObject obj)
    {
        var expando = new ExpandoObject();
        var map = (IDictionary<string, object?>)expando;
        foreach (var (key, child) in obj)
        {
            map[key] = FromJson(child);
        }

        return expando;
    }

    private static object? FromJsonNode(JsonNode json, Type target)
    {
        if (json is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return ConvertClr(value.GetValue<string>(), target);
        }

        if (target == typeof(string))
        {
            return json is JsonValue ? json.ToString() : json.ToJsonString();
        }

        if (target.IsAssignableFrom(json.GetType()))
        {
            return json.DeepClone();
        }

        return json.Deserialize(target, Definitions.WorkflowDefinitionJson.SerializerOptions);
    }

    private static object? ConvertClr(object value, Type target)
    {
        if (target == typeof(string))
        {
            return ToText(value);
        }

        if (value is string text)
        {
            return FromText(text, target);
        }

        if (target.IsEnum)
        {
            return Enum.ToObject(target, System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }

        if (target == typeof(TimeSpan) && value is double milliseconds)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        if (target.IsArray && value is IEnumerable items and not string)
        {
            var elementType = target.GetElementType()!;
            var source = items.Cast<object?>().ToList();
            var array = Array.CreateInstance(elementType, source.Count);
            for (var i = 0; i < source.Count; i++)
            {
                array.SetValue(Convert(source[i], elementType), i);
            }

            return array;
        }

        if (target.IsGenericType && value is IEnumerable sequence and not string && target.GetGenericArguments() is [var itemType]
            && target.IsAssignableFrom(typeof(List<>).MakeGenericType(itemType)))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in sequence)
            {
                list.Add(Convert(item, itemType));
            }

            return list;
        }

        // Last resort: round-trip through JSON (ExpandoObject to a record, a dictionary to a map...).
        return ToJson(value)!.Deserialize(target, Definitions.WorkflowDefinitionJson.SerializerOptions);
    }

    private static object? FromText(string text, Type target)
    {
        if (target == typeof(bool))
        {
            return bool.Parse(text.Trim());
        }

        if (target == typeof(TimeSpan))
        {
            return TimeSpan.Parse(text.Trim(), CultureInfo.InvariantCulture);
        }

        if (target == typeof(Guid))
        {
            return Guid.Parse(text);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (target == typeof(DateTime))
        {
            return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, text.Trim(), ignoreCase: true);
        }

        if (string.IsNullOrWhiteSpace(text) && (target.IsValueType || target.IsArray))
        {
            return DefaultOf(target);
        }

        if (typeof(IConvertible).IsAssignableFrom(target))
        {
            return System.Convert.ChangeType(text, target, CultureInfo.InvariantCulture);
        }
        // Structured types from text are JSON text (Elsa's Object expressions and literal arrays).
        return JsonNode.Parse(text)?.Deserialize(target, Definitions.WorkflowDefinitionJson.SerializerOptions);
    }

    private static string ToText(object value) => value switch
    {
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        ExpandoObject or IDictionary or Array => ToJson(value)!.ToJsonString(),
        _ => value.ToString() ?? "",
    };

    private static object? DefaultOf(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    private static string Describe(object value) =>
        value is JsonValue json && json.TryGetValue<string>(out var text) ? Describe(text)
        : value is string s ? $"'{(s.Length > 40 ? s[..40] + "…" : s)}'"
        : value.GetType().Name;
}
