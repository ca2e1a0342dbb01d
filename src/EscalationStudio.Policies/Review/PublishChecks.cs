using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Review;

/// <summary>The checks the server runs before it publishes a policy, for callers outside the server (the CLI's validate).</summary>
public static class PublishChecks
{
    public static IReadOnlyList<IPublishValidator> Of(WorkflowEngine engine, OrgDirectory org, TemplateLibrary templates) =>
    [
        new FlowchartStructureValidator(),
        new ActivityCatalogValidator(engine),
        new EscalationPolicyValidator(new Fixed(org), templates),
    ];

    private sealed class Fixed(OrgDirectory org) : IOrgDirectorySource
    {
        public OrgDirectory Current => org;
    }
}
