using System.Collections.Concurrent;
using System.Reflection;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Descriptors;

namespace EscalationStudio.Workflows.Materialization;

internal enum BindingKind
{
    Input,
    Output,
    Embedded,
    Unwrapped,
}

/// <summary>How each JSON property of an activity class is read; computed once per class.</summary>
internal sealed record ActivityBinding(PropertyInfo Property, string JsonName, BindingKind Kind, Type ValueType, object? DefaultValue);

internal static class ActivityBindings
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ActivityBinding>> Cache = new();

    public static IReadOnlyList<ActivityBinding> For(Type type) => Cache.GetOrAdd(type, Describe);

    private static IReadOnlyList<ActivityBinding> Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.DeclaringType != typeof(Activity))
            .Select(p => (Property: p, Kind: KindOf(p)))
            .Where(p => p.Kind is not null)
            .Select(p => new ActivityBinding(p.Property, ActivityTypeName.CamelCase(p.Property.Name), p.Kind!.Value,
                ActivityDescriber.ValueTypeOf(p.Property), p.Property.GetCustomAttribute<InputAttribute>()?.DefaultValue))
            .ToList();

    private static BindingKind? KindOf(PropertyInfo property) => property switch
    {
        _ when ActivityDescriber.IsInputType(property.PropertyType) => BindingKind.Input,
        _ when ActivityDescriber.IsOutputType(property.PropertyType) => BindingKind.Output,
        _ when typeof(Activity).IsAssignableFrom(property.PropertyType) => BindingKind.Embedded,
        _ when property.GetCustomAttribute<InputAttribute>() is not null => BindingKind.Unwrapped,
        _ => null,
    };
}
