using EscalationStudio.Policies.Settings;
using FluentValidation;

namespace EscalationStudio.Server.Auth;

internal sealed class AuthOptionsValidator : SettingsValidator<AuthOptions>
{
    public const int MinimumKeyLength = 16;

    public AuthOptionsValidator()
        : base(AuthOptions.Section)
    {
        RuleForEach(o => o.ApiKeys).ChildRules(key =>
        {
            key.RuleFor(k => k.Key).NotEmpty().MinimumLength(MinimumKeyLength)
                .WithMessage($"an API key needs at least {MinimumKeyLength} characters");
            key.RuleFor(k => k.Role).Must(role => EscalationRoles.All.Contains(role, StringComparer.OrdinalIgnoreCase))
                .WithMessage(k => $"role '{k.Role}' must be one of {string.Join(", ", EscalationRoles.All)}");
            key.RuleFor(k => k.AgentId).NotEmpty()
                .When(k => string.Equals(k.Role, EscalationRoles.Agent, StringComparison.OrdinalIgnoreCase))
                .WithMessage("an agent key needs the agentId it acts as");
        }).OverridePropertyName("ApiKeys");
        RuleFor(o => o.ApiKeys).Must(keys => keys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() == keys.Count)
            .WithMessage("the same API key is configured twice");
    }
}
