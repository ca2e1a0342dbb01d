using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Definitions;
using Microsoft.AspNetCore.Mvc;

namespace EscalationStudio.Server.Validation;

/// <summary>
/// The one rule every text field of every request obeys: text the database can store, so no NUL character and no
/// unpaired surrogate (<see cref="TicketText.Unstorable"/>; PostgreSQL refuses the first, and the second is no
/// character at all). <see cref="RequestValidationFilter"/> applies it to every string a handler binds: route and
/// query values, every string property of a request record however deep, and every string and property name of a
/// JSON body kept as nodes. A field added tomorrow is covered without a rule of its own.
/// </summary>
internal static class StorableText
{
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> PropertiesByType = new();

    private static readonly Type[] BoundByTheFramework =
    [
        typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(ClaimsPrincipal), typeof(CancellationToken),
        typeof(IFormFile), typeof(IFormFileCollection), typeof(IFormCollection), typeof(Stream), typeof(IServiceProvider),
    ];

    /// <summary>Whether the handler parameter carries request text: a string, a JSON node, or a request record of this server.</summary>
    public static bool Carries(ParameterInfo parameter, IServiceProviderIsService isService)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<FromServicesAttribute>() is not null || BoundByTheFramework.Contains(type) || isService.IsService(type))
        {
            return false;
        }

        return type == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(type) || typeof(JsonNode).IsAssignableFrom(type)
            || (type.IsClass && type.Assembly == typeof(StorableText).Assembly);
    }

    /// <summary>
    /// Every field of the argument holding text that cannot be stored, by its path as the API names it: a route or query
    /// value by the parameter's name, a body's fields by their JSON path (<c>requester.name</c>, <c>tags[2]</c>).
    /// </summary>
    public static IEnumerable<(string Field, string Problem)> Problems(ParameterInfo parameter, object? argument)
    {
        var simple = argument is string or IEnumerable<string>;
        return Problems(argument, simple ? RequestValidationFilter.FieldPath(parameter.Name ?? "value") : "", 0);
    }

    private static IEnumerable<(string Field, string Problem)> Problems(object? value, string path, int depth)
    {
        switch (value)
        {
            case null:
                yield break;
            case string text:
                if (TicketText.Unstorable(text) is { } problem)
                {
                    yield return (Field(path), problem);
                }

                yield break;
            case JsonNode node:
                if (JsonText.FindUnstorable(node, path) is { } inJson)
                {
                    yield return (Field(inJson.Path), inJson.Problem);
                }

                yield break;
            case IEnumerable<string> texts:
                var index = 0;
                foreach (var item in texts)
                {
                    foreach (var inItem in Problems(item, $"{path}[{index++}]", depth + 1))
                    {
                        yield return inItem;
                    }
                }

                yield break;
        }

        if (depth >= MaxDepth || value.GetType().Assembly != typeof(StorableText).Assembly)
        {
            yield break;
        }

        foreach (var (name, property) in PropertiesOf(value.GetType()))
        {
            foreach (var found in Problems(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", depth + 1))
            {
                yield return found;
            }
        }
    }

    private static string Field(string path) => path.Length == 0 ? "body" : path;

    private static (string Name, PropertyInfo Property)[] PropertiesOf(Type type) =>
        PropertiesByType.GetOrAdd(type, t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null)
            .Select(p => (JsonNamingPolicy.CamelCase.ConvertName(p.Name), p))]);
}
