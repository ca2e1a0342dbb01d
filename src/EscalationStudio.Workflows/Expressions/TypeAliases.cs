using System.Collections.Concurrent;
using System.Dynamic;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Workflows.Expressions;

/// <summary>
/// Elsa's well-known type aliases (Elsa.Expressions/Options/ExpressionOptions.cs): <c>String</c>, <c>Int32</c>,
/// <c>ObjectMap</c>, arrays as <c>Alias[]</c> and lists as <c>List&lt;Alias&gt;</c>. Names that are not aliases (such as
/// assembly-qualified Elsa types) resolve to <see cref="object"/> so that a file from a richer Elsa server still loads.
/// </summary>
internal static class TypeAliases
{
    private static readonly Dictionary<string, Type> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Object"] = typeof(object),
        ["String"] = typeof(string),
        ["Boolean"] = typeof(bool),
        ["Int16"] = typeof(short),
        ["Int32"] = typeof(int),
        ["Int64"] = typeof(long),
        ["Long"] = typeof(long),
        ["Single"] = typeof(float),
        ["Double"] = typeof(double),
        ["Decimal"] = typeof(decimal),
        ["ByteArray"] = typeof(byte[]),
        ["Guid"] = typeof(Guid),
        ["DateTime"] = typeof(DateTime),
        ["DateTimeOffset"] = typeof(DateTimeOffset),
        ["TimeSpan"] = typeof(TimeSpan),
        ["JsonElement"] = typeof(JsonElement),
        ["JsonNode"] = typeof(JsonNode),
        ["JsonObject"] = typeof(JsonObject),
        ["JSON"] = typeof(ExpandoObject),
        ["StringDictionary"] = typeof(IDictionary<string, string>),
        ["ObjectDictionary"] = typeof(IDictionary<string, object>),
        ["StringMap"] = typeof(Dictionary<string, string>),
        ["ObjectMap"] = typeof(Dictionary<string, object>),
    };

    private static readonly ConcurrentDictionary<string, Type> Resolved = new(StringComparer.OrdinalIgnoreCase);

    public static Type Resolve(string? typeName, bool isArray = false)
    {
        var type = string.IsNullOrWhiteSpace(typeName) ? typeof(object) : Resolved.GetOrAdd(typeName.Trim(), ResolveUncached);
        return isArray && !type.IsArray ? type.MakeArrayType() : type;
    }

    /// <summary>The alias Elsa writes for a CLR type; falls back to the full name.</summary>
    public static string GetAlias(Type type)
    {
        foreach (var (alias, aliased) in Aliases)
        {
            if (aliased == type && alias != "Long")
            {
                return alias;
            }
        }

        if (type.IsArray)
        {
            return GetAlias(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return GetAlias(underlying) + "?";
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            return $"List<{GetAlias(element)}>";
        }

        if (type.IsEnum)
        {
            return type.Name;
        }

        return type.FullName ?? type.Name;
    }

    private static Type ResolveUncached(string name)
    {
        if (Aliases.TryGetValue(name, out var type))
        {
            return type;
        }

        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            return Resolve(name[..^2]).MakeArrayType();
        }

        if (name.EndsWith('?') && Resolve(name[..^1]) is { IsValueType: true } valueType)
        {
            return typeof(Nullable<>).MakeGenericType(valueType);
        }

        if (name.StartsWith("List<", StringComparison.OrdinalIgnoreCase) && name.EndsWith('>'))
        {
            return typeof(List<>).MakeGenericType(Resolve(name[5..^1]));
        }

        return typeof(object);
    }
}
