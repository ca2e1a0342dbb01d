using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Workflows.Descriptors;

/// <summary>The choices of list inputs in the shape Elsa Studio reads, fixed ones and those a host's provider lists.</summary>
public static class InputOptions
{
    /// <summary>
    /// The descriptor with every input that names an <see cref="InputAttribute.OptionsProvider"/> given that provider's
    /// current choices; the registry's descriptors are built once, without the host's services, so they carry none.
    /// </summary>
    public static ActivityDescriptor Fill(ActivityDescriptor descriptor, IServiceProvider services)
    {
        if (!descriptor.Inputs.Any(i => i.OptionsProvider is not null))
        {
            return descriptor;
        }

        return descriptor with
        {
            Inputs = [.. descriptor.Inputs.Select(input => input.OptionsProvider is { } type
                ? input with { UISpecifications = SelectList(input.UIHint, Provider(services, type).GetOptions()) }
                : input)],
        };
    }

    /// <summary>
    /// Studio 3.8 reads a list editor's choices from <c>{"dropdown": {"selectList": {"items": [...], "isFlagsEnum": false}}}</c>,
    /// keyed by the hint (dropdown, checklist, radiolist); a bare <c>items</c> list gives an empty dropdown.
    /// </summary>
    internal static JsonObject SelectList(string uiHint, IReadOnlyList<InputOption> options)
    {
        var items = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["text"] = o.Text, ["value"] = o.Value })]);
        var hint = uiHint is UIHints.CheckList or UIHints.RadioList ? uiHint : UIHints.DropDown;
        return new JsonObject { [hint] = new JsonObject { ["selectList"] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false } } };
    }

    private static IInputOptionsProvider Provider(IServiceProvider services, Type type) =>
        (IInputOptionsProvider)ActivatorUtilities.GetServiceOrCreateInstance(services, type);
}
