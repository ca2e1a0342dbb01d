using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Designer;

/// <summary>The templates of templates/ written for one audience; an optional input also offers none.</summary>
internal abstract class TemplateOptions(TemplateLibrary templates, string audience, bool optional) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions()
    {
        var items = templates.List()
            .Where(t => t.Audience == audience)
            .Select(t => new InputOption(string.IsNullOrEmpty(t.Description) ? t.Name : $"{t.Name}: {t.Description}", t.Name));
        return optional ? [new("None", string.Empty), .. items] : [.. items];
    }
}

internal sealed class CustomerTemplateOptions(TemplateLibrary templates) : TemplateOptions(templates, "customer", optional: false);

internal sealed class ApprovalTemplateOptions(TemplateLibrary templates) : TemplateOptions(templates, "approval", optional: false);

internal sealed class AgentTemplateOptions(TemplateLibrary templates) : TemplateOptions(templates, "agent", optional: false);

/// <summary>Agent templates for a note sent along with a move (briefing, hand-back); none sends no note.</summary>
internal sealed class OptionalAgentTemplateOptions(TemplateLibrary templates) : TemplateOptions(templates, "agent", optional: true);
