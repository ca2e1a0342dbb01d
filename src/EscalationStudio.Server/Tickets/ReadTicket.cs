using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Server.Delivery;
using EscalationStudio.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal static class ReadTicket
{
    public static async Task<Results<Ok<TicketResponse>, NotFoundProblem>> Get(Guid id, ITicketDesk desk, CancellationToken cancellationToken) =>
        await desk.FindAsync(id, cancellationToken) is { } ticket ? TypedResults.Ok(TicketResponse.From(ticket)) : TicketAnswers.NotFound(id);

    public static async Task<Results<Ok<IReadOnlyList<TimelineEventResponse>>, NotFoundProblem>> Timeline(Guid id, ITicketDesk desk, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            var events = await desk.GetTimelineAsync(id, cancellationToken);
            var names = services.GetService<PolicyNames>();
            return TypedResults.Ok<IReadOnlyList<TimelineEventResponse>>([.. events.Select(e => TimelineEventResponse.From(e, names))]);
        }
        catch (TicketNotFoundException e)
        {
            return TicketAnswers.NotFound(e);
        }
    }

    /// <summary>Each notification's deliveries: where they went, their state, and every attempt (also on the timeline).</summary>
    public static async Task<Results<Ok<IReadOnlyList<TicketDelivery>>, NotFoundProblem>> Deliveries(Guid id, ITicketDesk desk, IDeliveryOutbox outbox, CancellationToken cancellationToken)
    {
        try
        {
            var timeline = await desk.GetTimelineAsync(id, cancellationToken);
            return TypedResults.Ok(TicketDelivery.Of(await outbox.ListAsync(id, cancellationToken), timeline));
        }
        catch (TicketNotFoundException e)
        {
            return TicketAnswers.NotFound(e);
        }
    }
}
