using System.Xml.Linq;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Auth;

/// <summary>
/// Keeps the Data Protection keys, which sign and encrypt the Studio cookie and the form tokens, in the escalation
/// database: the SQLite file in the data folder, or the PostgreSQL database all nodes share. By default ASP.NET Core
/// keeps them under the user's home, where every instance run by that user shares them, so a cookie from one instance
/// opened another with other data and other keys.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    // The key manager calls these synchronously, rarely (at start, when a key is made, and about once a day).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        return [.. db.Set<DataProtectionKeyRecord>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).AsEnumerable().Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        db.Set<DataProtectionKeyRecord>().Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
