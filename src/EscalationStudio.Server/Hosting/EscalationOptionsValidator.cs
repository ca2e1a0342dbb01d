using EscalationStudio.Persistence;
using FluentValidation;
using Microsoft.Extensions.Configuration;

namespace EscalationStudio.Server.Hosting;

internal sealed class EscalationOptionsValidator : AbstractValidator<EscalationOptions>
{
    public EscalationOptionsValidator(IConfiguration configuration)
    {
        RuleFor(o => o.Provider).IsInEnum().WithMessage("Escalation:Provider must be Sqlite or Postgres");
        RuleFor(o => o.OrgDirectoryFile).NotEmpty();
        RuleFor(o => o)
            .Must(_ => !string.IsNullOrWhiteSpace(configuration.GetConnectionString(EscalationOptions.ConnectionStringName)))
            .When(o => o.Provider == DatabaseProvider.Postgres)
            .WithName("ConnectionStrings:Escalation")
            .WithMessage("ConnectionStrings:Escalation is required when Escalation:Provider is Postgres");
    }
}
