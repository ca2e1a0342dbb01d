using EscalationStudio.Domain.Org;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Designer;

/// <summary>Every tier and specialist group of the org directory, as the designer lists them.</summary>
internal sealed class TierOptions(IOrgDirectorySource org) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions() => Of(org.Current.Tiers);

    internal static List<InputOption> Of(IEnumerable<Tier> tiers) => [.. tiers.Select(t => new InputOption($"{t.Name} ({t.Id})", t.Id))];
}

/// <summary>The tiers that may decide an approval; empty lets the runtime pick by authority.</summary>
internal sealed class ApproverTierOptions(IOrgDirectorySource org) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions() => [new("Lowest tier whose authority covers it", string.Empty), .. TierOptions.Of(org.Current.Tiers)];
}

/// <summary>Any tier, or one of the org directory's tiers and specialist groups.</summary>
internal sealed class OptionalTierOptions(IOrgDirectorySource org) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions() => [new("Any tier", string.Empty), .. TierOptions.Of(org.Current.Tiers)];
}
