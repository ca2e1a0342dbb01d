using System.Text.Json.Nodes;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Descriptors;

namespace EscalationStudio.Policies.Designer;

/// <summary>
/// Fills the designer's dropdowns that depend on the organisation and the templates folder: tiers and specialist
/// groups, calendars, and the templates that suit each input. Descriptors are built from attributes and cannot know them.
/// </summary>
public sealed class EscalationInputOptions(IOrgDirectorySource org, TemplateLibrary templates)
{
    public ActivityDescriptor Fill(ActivityDescriptor descriptor)
    {
        if (!descriptor.TypeName.StartsWith("Escalation.", StringComparison.Ordinal))
        {
            return descriptor;
        }

        return descriptor with { Inputs = [.. descriptor.Inputs.Select(input => Options(descriptor.TypeName, input) is { } items ? WithDropdown(input, items) : input)] };
    }

    private IReadOnlyList<(string Text, string Value)>? Options(string type, InputDescriptor input)
    {
        var directory = org.Current;
        var tiers = directory.Tiers.Select(t => ($"{t.Name} ({t.Id})", t.Id)).ToList();
        return (type, input.Name) switch
        {
            ("Escalation.DeEscalate", "Tier") => [("The tier it came from", Activities.DeEscalate.DeEscalate.PreviousTier), .. directory.Tiers.Where(t => !t.IsSpecialist).Select(t => ($"{t.Name} ({t.Id})", t.Id))],
            (_, "Tier") => tiers,
            (_, "ApproverTier") => [("Lowest tier whose authority covers it", string.Empty), .. tiers],
            (_, "Calendar") => [("The owning tier's calendar", string.Empty), .. directory.Calendars.Select(c => ($"{c.Name} ({c.TimeZone})", c.Id))],
            ("Escalation.NotifyCustomer", "Template") => TemplatesFor("customer", optional: false),
            ("Escalation.RequireApproval", "Template") => TemplatesFor("approval", optional: false),
            ("Escalation.SendBriefing", "Template") => TemplatesFor("agent", optional: false),
            (_, "Template" or "BriefingTemplate") => TemplatesFor("agent", optional: true),
            _ => null,
        };
    }

    private List<(string Text, string Value)> TemplatesFor(string audience, bool optional)
    {
        var items = templates.List()
            .Where(t => t.Audience == audience)
            .Select(t => (string.IsNullOrEmpty(t.Description) ? t.Name : $"{t.Name}: {t.Description}", t.Name))
            .ToList();
        return optional ? [("None", string.Empty), .. items] : items;
    }

    private static InputDescriptor WithDropdown(InputDescriptor input, IReadOnlyList<(string Text, string Value)> items) => input with
    {
        UIHint = UIHints.DropDown,
        UISpecifications = new JsonObject
        {
            ["dropdown"] = new JsonObject
            {
                ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject { ["text"] = i.Text, ["value"] = i.Value })]),
            },
        },
    };
}
