using EscalationStudio.Domain.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal static class ReadTicket
{
    public static async Task<Ok<TicketResponse>> Get(Guid id, ITicketDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await desk.FindAsync(id, cancellationToken) ?? throw new TicketNotFoundException(id)));

    public static async Task<Ok<IReadOnlyList<TimelineEventResponse>>> Timeline(Guid id, ITicketDesk desk, CancellationToken cancellationToken)
    {
        var events = await desk.GetTimelineAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<TimelineEventResponse>>([.. events.Select(TimelineEventResponse.From)]);
    }
}
