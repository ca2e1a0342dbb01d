using EscalationStudio.Persistence;
using EscalationStudio.Policies.Settings;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Hosting;

internal static class HostingServiceCollectionExtensions
{
    /// <summary>Options, folders, clock and database. Everything is read lazily, so tests can override configuration.</summary>
    public static IServiceCollection AddEscalationHosting(this IServiceCollection services)
    {
        services.AddOptions<EscalationOptions>()
            .BindConfiguration(EscalationOptions.Section)
            .ValidateOnStart<EscalationOptions, EscalationOptionsValidator>();
        services.AddSingleton(sp => EscalationPaths.Resolve(
            sp.GetRequiredService<IOptions<EscalationOptions>>().Value, Directory.GetCurrentDirectory(), AppContext.BaseDirectory));
        services.AddSingleton(TimeProvider.System);

        services.AddEscalationPersistence();
        services.AddOptions<EscalationDatabaseOptions>().Configure<IOptions<EscalationOptions>, EscalationPaths, IConfiguration>(
            (database, escalation, paths, configuration) =>
            {
                database.Provider = escalation.Value.Provider;
                database.ConnectionString = configuration.GetConnectionString(EscalationOptions.ConnectionStringName) is { Length: > 0 } configured
                    ? configured
                    : $"Data Source={Path.Combine(paths.DataPath, "escalation.db")}";
            });
        return services;
    }
}
