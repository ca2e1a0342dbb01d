namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// Names the ticket changes a desk makes in one scope so that a repeated change is recognised and applied once: the
/// desk asks for a key before each change, and a change whose key the ticket has already taken answers the ticket as
/// it is, changing nothing. Policy runs set it (a run replayed after a crash repeats its calls with the same keys);
/// API requests leave it empty. Register it scoped, beside the desk.
/// </summary>
public sealed class DeskCallKeys
{
    /// <summary>Gives the key of the next change; null for changes that need none.</summary>
    public Func<string>? Source { get; set; }

    public string? Next() => Source?.Invoke();
}
