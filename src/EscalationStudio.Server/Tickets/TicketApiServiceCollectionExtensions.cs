using System.Text.Json;
using System.Text.Json.Serialization;
using EscalationStudio.Policies.Settings;
using EscalationStudio.Server.Problems;
using FluentValidation;

namespace EscalationStudio.Server.Tickets;

internal static class TicketApiServiceCollectionExtensions
{
    /// <summary>JSON conventions, problem details and validators shared by every API endpoint.</summary>
    public static IServiceCollection AddTicketApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            // Enum values read and written as the support floor says them: "on-hold", "internal-note", "urgent".
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));

            // The ticket routes' bodies from generated code; every other type as before, by reflection.
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, TicketJsonContext.Default);
        });

        // Malformed bodies throw instead of answering an empty 400, so the problem handler can name the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // Messages name fields as the JSON does ("'subject' must not be empty").
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        // Request validators only: settings validators are registered, and run at start, by the services owning the settings.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton,
            filter: scan => !SettingsValidation.IsSettingsValidator(scan.ValidatorType), includeInternalTypes: true);
        return services;
    }
}
