using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Descriptors;

/// <summary>
/// Builds a descriptor from an activity class by reflection, following Elsa's ActivityDescriber: type and category
/// from <see cref="ActivityAttribute"/>, inputs from <see cref="Input{T}"/> (or <see cref="InputAttribute"/>) properties,
/// outputs from <see cref="Output{T}"/> properties, flow ports from <see cref="FlowNodeAttribute"/>.
/// </summary>
internal static partial class ActivityDescriber
{
    public static ActivityDescriptor Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{type.Name} has no [Activity] attribute.");
        var name = attribute.Type ?? type.Name;
        var ns = attribute.Namespace;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);

        return new ActivityDescriptor
        {
            TypeName = $"{ns}.{name}",
            Namespace = ns,
            Name = name,
            Version = attribute.Version,
            Category = attribute.Category ?? ns.Split('.')[^1],
            DisplayName = attribute.DisplayName ?? type.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? Humanize(name),
            Description = attribute.Description ?? type.GetCustomAttribute<DescriptionAttribute>()?.Description,
            Kind = typeof(ITrigger).IsAssignableFrom(type) ? ActivityKind.Trigger : attribute.Kind,
            Inputs = properties.Where(IsInput).Select(DescribeInput).OrderBy(i => i.Order).ToList(),
            Outputs = properties.Where(p => IsOutputType(p.PropertyType)).Select(DescribeOutput).ToList(),
            Ports = DescribePorts(type, properties),
            IsContainer = properties.Any(p => typeof(Activity).IsAssignableFrom(p.PropertyType)),
            IsBrowsable = type.GetCustomAttribute<BrowsableAttribute>()?.Browsable ?? true,
            IsStart = typeof(IStartNode).IsAssignableFrom(type),
            IsTerminal = typeof(ITerminalNode).IsAssignableFrom(type),
            CustomProperties = new JsonObject { ["Type"] = type.FullName },
        };
    }

    internal static bool IsInput(PropertyInfo property) =>
        IsInputType(property.PropertyType) || property.GetCustomAttribute<InputAttribute>() is not null;

    internal static bool IsInputType(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Input<>);

    internal static bool IsOutputType(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>);

    internal static Type ValueTypeOf(PropertyInfo property) =>
        IsInputType(property.PropertyType) || IsOutputType(property.PropertyType) ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;

    private static InputDescriptor DescribeInput(PropertyInfo property)
    {
        var attribute = property.GetCustomAttribute<InputAttribute>() ?? new InputAttribute();
        var valueType = ValueTypeOf(property);
        var options = attribute.Options?.Select(o => new InputOption(o, o)).ToList() ?? (valueType.IsEnum ? EnumOptions(valueType) : null);
        var uiHint = attribute.UIHint ?? DefaultUIHint(valueType);

        return new InputDescriptor
        {
            Name = property.Name,
            TypeName = TypeAliases.GetAlias(valueType),
            DisplayName = attribute.DisplayName ?? Humanize(property.Name),
            Description = attribute.Description,
            Category = attribute.Category,
            Order = attribute.Order,
            IsBrowsable = attribute.IsBrowsable,
            IsWrapped = IsInputType(property.PropertyType),
            UIHint = uiHint,
            DefaultValue = attribute.DefaultValue is null ? null : ValueConverter.ToJson(attribute.DefaultValue is Enum e ? e.ToString() : attribute.DefaultValue),
            DefaultSyntax = attribute.DefaultSyntax,
            IsReadOnly = attribute.IsReadOnly,
            IsSensitive = attribute.IsSensitive,
            UISpecifications = options is null ? null : InputOptions.SelectList(uiHint, options),
            OptionsProvider = attribute.OptionsProvider,
        };
    }

    private static OutputDescriptor DescribeOutput(PropertyInfo property)
    {
        var attribute = property.GetCustomAttribute<OutputAttribute>() ?? new OutputAttribute();
        return new OutputDescriptor
        {
            Name = property.Name,
            TypeName = TypeAliases.GetAlias(ValueTypeOf(property)),
            DisplayName = attribute.DisplayName ?? Humanize(property.Name),
            Description = attribute.Description,
            Order = attribute.Order,
            IsBrowsable = attribute.IsBrowsable,
        };
    }

    private static List<PortDescriptor> DescribePorts(Type type, PropertyInfo[] properties)
    {
        var ports = properties
            .Where(p => typeof(Activity).IsAssignableFrom(p.PropertyType))
            .Select(p => new PortDescriptor(p.Name, Humanize(p.Name), PortType.Embedded, IsBrowsable: false))
            .ToList();
        if (type.GetCustomAttribute<FlowNodeAttribute>() is { } flowNode)
        {
            ports.AddRange(flowNode.Outcomes.Select(o => new PortDescriptor(o, o, PortType.Flow)));
        }

        return ports;
    }

    /// <summary>Elsa's defaults: checkbox for bool, dropdown for enums and lists, singleline otherwise.</summary>
    private static string DefaultUIHint(Type type) => type switch
    {
        _ when type == typeof(bool) || type == typeof(bool?) => UIHints.Checkbox,
        _ when type == typeof(string) => UIHints.SingleLine,
        { IsEnum: true } => UIHints.DropDown,
        _ when type != typeof(object) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => UIHints.DropDown,
        _ => UIHints.SingleLine,
    };

    /// <summary>
    /// An enum's choices labelled in words ("LeastLoaded" reads "Least loaded", or the member's [Description]); the
    /// value stays the member's name, as Elsa writes it into the file.
    /// </summary>
    private static List<InputOption> EnumOptions(Type enumType) =>
    [
        .. Enum.GetNames(enumType).Select(name => new InputOption(
            enumType.GetField(name)?.GetCustomAttribute<DescriptionAttribute>()?.Description
            ?? SentenceCase(Humanize(name)), name)),
    ];

    private static string SentenceCase(string words) =>
        words.Length < 2 ? words : words[0] + words[1..].ToLowerInvariant();

    /// <summary>"EscalateToTier" → "Escalate To Tier", as Elsa's Humanizer-based display names.</summary>
    internal static string Humanize(string name) => WordBoundary().Replace(name, " $1").Trim();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
