using System.Reflection;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Workflows.Descriptors;

/// <summary>Checks an activity class at registration so that a mistake shows at start-up, not when a policy runs.</summary>
internal static class ActivityValidator
{
    public static IEnumerable<string> FindProblems(Type type)
    {
        var name = type.FullName ?? type.Name;
        if (!typeof(Activity).IsAssignableFrom(type))
        {
            yield return $"{name}: does not derive from Activity.";
        }

        if (type.IsAbstract)
        {
            yield return $"{name}: is abstract.";
        }

        if (type.IsGenericTypeDefinition)
        {
            yield return $"{name}: is an open generic type.";
        }

        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            yield return $"{name}: needs a public parameterless constructor (domain services come from context.Services).";
        }

        if (type.GetCustomAttribute<ActivityAttribute>() is not { } attribute)
        {
            yield return $"{name}: has no [Activity(namespace, category, description)] attribute.";
            yield break;
        }

        if (string.IsNullOrWhiteSpace(attribute.Namespace))
        {
            yield return $"{name}: [Activity] namespace is empty.";
        }

        if (attribute.Version < 1)
        {
            yield return $"{name}: [Activity] version must be 1 or more.";
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var isInput = ActivityDescriber.IsInputType(property.PropertyType);
            var isOutput = ActivityDescriber.IsOutputType(property.PropertyType);
            var markedInput = property.GetCustomAttribute<InputAttribute>() is not null;
            if ((isInput || isOutput || markedInput) && property.SetMethod is not { IsPublic: true })
            {
                yield return $"{name}.{property.Name}: inputs and outputs need a public setter.";
            }

            if (isOutput && markedInput)
            {
                yield return $"{name}.{property.Name}: an Output<T> cannot carry [Input].";
            }

            if (property.GetCustomAttribute<OutputAttribute>() is not null && !isOutput)
            {
                yield return $"{name}.{property.Name}: [Output] is only valid on Output<T> properties.";
            }

            if (property.GetCustomAttribute<InputAttribute>()?.DefaultValue is { } defaultValue && isInput
                && !IsCompatibleDefault(defaultValue, ActivityDescriber.ValueTypeOf(property)))
            {
                yield return $"{name}.{property.Name}: default value {defaultValue} does not convert to {ActivityDescriber.ValueTypeOf(property).Name}.";
            }

            if (property.GetCustomAttribute<InputAttribute>()?.OptionsProvider is { } provider
                && (!typeof(IInputOptionsProvider).IsAssignableFrom(provider) || provider.IsAbstract || provider.IsGenericTypeDefinition))
            {
                yield return $"{name}.{property.Name}: options provider {provider.Name} is not a concrete {nameof(IInputOptionsProvider)}.";
            }
        }

        if (type.GetCustomAttribute<FlowNodeAttribute>() is { } flowNode)
        {
            if (flowNode.Outcomes.Count == 0 || flowNode.Outcomes.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"{name}: [FlowNode] needs one or more non-empty outcome names.";
            }

            foreach (var duplicate in flowNode.Outcomes.GroupBy(o => o).Where(g => g.Count() > 1))
            {
                yield return $"{name}: [FlowNode] lists outcome '{duplicate.Key}' twice.";
            }
        }
    }

    private static bool IsCompatibleDefault(object value, Type target)
    {
        try
        {
            Expressions.ValueConverter.Convert(value, target);
            return true;
        }
        catch (InvalidCastException)
        {
            return false;
        }
    }
}
