namespace EscalationStudio.Persistence.DataProtection;

/// <summary>
/// One ASP.NET Core Data Protection key (the XML the key manager writes), kept in the database so that every node on
/// the same database reads the Studio cookies and form tokens of the others, and a server with another database does not.
/// </summary>
public sealed class DataProtectionKeyRecord
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
