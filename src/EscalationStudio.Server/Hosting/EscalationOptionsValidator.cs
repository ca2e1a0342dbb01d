using EscalationStudio.Persistence;
using EscalationStudio.Policies.Settings;
using FluentValidation;
using Microsoft.Extensions.Configuration;

namespace EscalationStudio.Server.Hosting;

internal sealed class EscalationOptionsValidator : SettingsValidator<EscalationOptions>
{
    public EscalationOptionsValidator(IConfiguration configuration)
        : base(EscalationOptions.Section)
    {
        RuleFor(o => o.Provider).IsInEnum().WithMessage("must be Sqlite or Postgres");
        RuleFor(o => o.OrgDirectoryFile).NotEmpty().WithMessage("must name the org directory file");
        RuleFor(o => o.Provider)
            .Must(_ => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(EscalationOptions.ConnectionStringName)))
            .When(o => o.Provider == DatabaseProvider.Postgres)
            .WithMessage("is Postgres, so ConnectionStrings:Escalation is required");
    }
}
