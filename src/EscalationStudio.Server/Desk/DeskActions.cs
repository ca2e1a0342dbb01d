using System.Security.Claims;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Delivery;
using FluentValidation;

namespace EscalationStudio.Server.Desk;

/// <summary>What became of an action on the desk page: done, or refused with the reason the server gave.</summary>
internal sealed record DeskOutcome(bool Done, string Message)
{
    public static DeskOutcome Refused(string message) => new(false, message);
}

/// <summary>
/// The desk page's actions, made exactly as the ticket API makes them: the API's request validator checks the input,
/// then one <see cref="ITicketDesk"/> verb applies the domain change as the signed-in person, whose authority the
/// desk resolves from the org directory. The page restates no rule; it shows what the desk answers.
/// </summary>
internal sealed class DeskActions(IServiceScopeFactory scopes, ApiKeyRing keys, IOrgDirectorySource org)
{
    public DeskCaller? CallerOf(ClaimsPrincipal user) => DeskCaller.Resolve(user, keys, org.Current);

    public OrgDirectory Directory => org.Current;

    /// <summary>The ticket, its timeline, and its notifications' deliveries with their state.</summary>
    public async Task<(Ticket? Ticket, IReadOnlyList<TicketEvent> Timeline, IReadOnlyList<TicketDelivery> Deliveries)> ReadAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<ITicketDesk>();
        var ticket = await desk.FindAsync(ticketId, cancellationToken);
        if (ticket is null)
        {
            return (null, [], []);
        }

        var timeline = await desk.GetTimelineAsync(ticketId, cancellationToken);
        var rows = await scope.ServiceProvider.GetRequiredService<IDeliveryOutbox>().ListAsync(ticketId, cancellationToken);
        return (ticket, timeline, TicketDelivery.Of(rows, timeline));
    }

    public async Task MarkReadAsync(DeskCaller caller, Guid ticketId, int sequence, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITicketReadMarks>().MarkReadAsync(caller.Actor, ticketId, sequence, cancellationToken);
    }

    /// <summary>
    /// Checks <paramref name="request"/> with the API's validator for it, then applies <paramref name="change"/> as the
    /// caller (found again among the configured keys: a removed key stops a page that is still open).
    /// </summary>
    public async Task<DeskOutcome> ApplyAsync<TRequest>(ClaimsPrincipal user, TRequest request, Func<ITicketDesk, DeskCaller, Task<Ticket>> change, string done, CancellationToken cancellationToken)
    {
        if (CallerOf(user) is not { } caller)
        {
            return DeskOutcome.Refused("Your key no longer opens the desk; sign in again.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var validation = await scope.ServiceProvider.GetRequiredService<IValidator<TRequest>>().ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return DeskOutcome.Refused(string.Join(" ", validation.Errors.Select(e => $"{Field(e.PropertyName)}: {e.ErrorMessage}")));
        }

        try
        {
            await change(scope.ServiceProvider.GetRequiredService<ITicketDesk>(), caller);
            return new DeskOutcome(true, done);
        }
        catch (AuthorityDeniedException e)
        {
            return DeskOutcome.Refused($"Beyond your authority level: {e.Message}");
        }
        catch (TicketRuleViolationException e)
        {
            return DeskOutcome.Refused($"Not allowed: {e.Message}");
        }
        catch (TicketNotFoundException e)
        {
            return DeskOutcome.Refused(e.Message);
        }
    }

    private static string Field(string propertyName) =>
        propertyName.Length == 0 ? "request" : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
