using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.DeEscalate;

/// <summary>Where a case can be handed back to: the tier it came from, or a level of the ladder (never a specialist group).</summary>
internal sealed class HandBackTierOptions(IOrgDirectorySource org) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions() =>
        [new("The tier it came from", DeEscalate.PreviousTier), .. TierOptions.Of(org.Current.Tiers.Where(t => !t.IsSpecialist))];
}
