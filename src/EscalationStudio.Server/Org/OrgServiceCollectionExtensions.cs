using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Calendars;

namespace EscalationStudio.Server.Org;

internal static class OrgServiceCollectionExtensions
{
    public static IServiceCollection AddOrgDirectory(this IServiceCollection services)
    {
        services.AddSingleton<IHolidayFeedReader, IcsHolidayFeedReader>();
        services.AddSingleton<OrgDirectoryLoader>();
        services.AddSingleton<IOrgDirectorySource>(sp => sp.GetRequiredService<OrgDirectoryLoader>());
        return services;
    }
}
