namespace EscalationStudio.Domain.Tickets;

/// <summary>Sizes shared by the domain, the database columns and the API validators.</summary>
public static class TicketLimits
{
    public const int SubjectLength = 250;
    public const int IdLength = 100;
    public const int TagLength = 64;
    public const int NameLength = 200;
    public const int EmailLength = 320;

    /// <summary>Message bodies and descriptions: generous for pasted logs, small enough to keep the database lean.</summary>
    public const int BodyLength = 64 * 1024;
    public const int ReasonLength = 4000;
}
