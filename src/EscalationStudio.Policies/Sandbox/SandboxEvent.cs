using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>What can happen to a test run's ticket while the run is open, in the support floor's words.</summary>
public enum SandboxEventKind
{
    CustomerReply,
    Tag,
    Status,
}

/// <summary>
/// One event a manager injects into an open test run: the customer replies, someone tags the ticket, or its status
/// changes; then the run lets <see cref="ThenWait"/> pass with nobody touching the ticket, firing due timers.
/// </summary>
/// <param name="Value">The reply's text, the tag, or the status (<c>pending</c>, <c>solved</c>, …).</param>
/// <param name="By">Who injects it (the signed-in person); tags and status changes are theirs, a reply is the customer's.</param>
public sealed record SandboxEvent(SandboxEventKind Kind, string Value, TimeSpan ThenWait, string By)
{
    /// <summary>Reads the event from a form's or request's fields; the exception names the field at fault.</summary>
    /// <exception cref="SampleTicketException">A field is missing or has a value the run cannot use.</exception>
    public static SandboxEvent From(string? kind, string? value, string? thenWait, string by)
    {
        var parsed = kind?.Trim().ToLowerInvariant() switch
        {
            "customer-reply" or "reply" => SandboxEventKind.CustomerReply,
            "tag" => SandboxEventKind.Tag,
            "status" => SandboxEventKind.Status,
            _ => throw new SampleTicketException("kind", $"'{kind}' is not one of customer-reply, tag, status"),
        };
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new SampleTicketException("value", parsed switch
            {
                SandboxEventKind.CustomerReply => "write the customer's reply",
                SandboxEventKind.Tag => "name the tag",
                _ => $"name the status ({TicketText.Allowed<TicketStatus>()})",
            });
        }

        if (parsed == SandboxEventKind.Status && !TicketText.TryParse<TicketStatus>(value, out _))
        {
            throw new SampleTicketException("value", $"'{value}' is not a status; one of {TicketText.Allowed<TicketStatus>()}");
        }

        if (parsed == SandboxEventKind.Tag && value.Trim().Length > TicketLimits.TagLength)
        {
            throw new SampleTicketException("value", $"a tag has at most {TicketLimits.TagLength} characters");
        }

        var wait = TimeSpan.Zero;
        if (!string.IsNullOrWhiteSpace(thenWait) && !(Sla.DurationText.TryParse(thenWait.Trim(), out wait) && wait >= TimeSpan.Zero && wait <= TimeSpan.FromDays(31)))
        {
            throw new SampleTicketException("thenWait", $"'{thenWait}' is not a duration up to 744h; write e.g. 4h or 30m");
        }

        return new SandboxEvent(parsed, value.Trim(), wait, by);
    }

    internal TicketChange ChangeFor(Ticket ticket)
    {
        var person = Actor.User(string.IsNullOrWhiteSpace(By) ? "test-run" : By);
        return Kind switch
        {
            SandboxEventKind.CustomerReply => new AddMessage(MessageKind.Customer, Value, Actor.Customer(ticket.Requester.Id)),
            SandboxEventKind.Tag => new AddTag(Value, person),
            _ => new ChangeStatus(TicketText.TryParse<TicketStatus>(Value, out var status) ? status : ticket.Status, person, "test run"),
        };
    }

    /// <summary>How the run page lists it.</summary>
    public string Describe() => Kind switch
    {
        SandboxEventKind.CustomerReply => $"the customer replied “{(Value.Length > 80 ? Value[..80] + "…" : Value)}”",
        SandboxEventKind.Tag => $"tagged {Value}",
        _ => $"status set to {Value}",
    };
}
