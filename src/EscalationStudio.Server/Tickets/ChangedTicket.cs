using System.Reflection;
using EscalationStudio.Domain.Tickets;
using Microsoft.AspNetCore.Http.Metadata;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// A ticket a write left behind, answered as the caller prefers (RFC 7240): the whole ticket with its conversation by
/// default, as the API always answered; with <c>Prefer: return=minimal</c> only the state a change can touch
/// (<see cref="TicketStateResponse"/>) and <c>Preference-Applied: return=minimal</c>. A conversation of 50 messages is
/// most of the bytes, and serialising it back after every message was the biggest share of a write's CPU.
/// </summary>
internal abstract class ChangedTicket(Ticket ticket, int status) : IResult, IStatusCodeHttpResult
{
    public const string Minimal = "return=minimal";

    public Ticket Ticket => ticket;

    public int? StatusCode => status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (PrefersMinimal(httpContext.Request))
        {
            httpContext.Response.Headers["Preference-Applied"] = Minimal;
            return Answer(TicketStateResponse.From(ticket)).ExecuteAsync(httpContext);
        }

        return Answer(TicketResponse.From(ticket)).ExecuteAsync(httpContext);
    }

    protected abstract IResult Answer<T>(T value);

    /// <summary>Whether a <c>Prefer</c> header asks for <c>return=minimal</c> (a comma-separated list of preferences, each with optional parameters).</summary>
    public static bool PrefersMinimal(HttpRequest request)
    {
        foreach (var header in request.Headers["Prefer"])
        {
            var text = (header ?? "").AsSpan();
            foreach (var range in text.Split(','))
            {
                var preference = text[range];
                if (preference.IndexOf(';') is var parameters and >= 0)
                {
                    preference = preference[..parameters];
                }

                if (preference.IndexOf('=') is var equals and >= 0
                    && preference[..equals].Trim().Equals("return", StringComparison.OrdinalIgnoreCase)
                    && preference[(equals + 1)..].Trim().Trim('"').Equals("minimal", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    protected static void Produces(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(TicketResponse), ["application/json"]));
}

/// <summary>200 with the changed ticket.</summary>
internal sealed class TicketChanged(Ticket ticket) : ChangedTicket(ticket, StatusCodes.Status200OK), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status200OK);

    protected override IResult Answer<T>(T value) => TypedResults.Ok(value);
}

/// <summary>201 with the new ticket and its location.</summary>
internal sealed class TicketOpened(Ticket ticket) : ChangedTicket(ticket, StatusCodes.Status201Created), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Produces(builder, StatusCodes.Status201Created);

    protected override IResult Answer<T>(T value) => TypedResults.Created($"/api/tickets/{Ticket.Id}", value);
}
