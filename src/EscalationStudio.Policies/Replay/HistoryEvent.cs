using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Replay;

/// <summary>
/// One entry of a ticket history to replay, in the server's own event words (<see cref="TicketEvent"/>), whatever file
/// it came from (the server's export, a helpdesk's CSV log, XES). The ticket is named by the history's own key: a replay
/// opens a ticket of its own for it.
/// </summary>
/// <param name="Data">The event's details under <see cref="TicketEventData"/> keys; a Created event may also carry
/// <c>description</c>, <c>customerName</c>, <c>customerEmail</c>, <c>organisation</c> and <c>lifetimeValue</c>.</param>
public sealed record HistoryEvent(string TicketKey, TicketEventType Type, Actor Actor, DateTimeOffset At, IReadOnlyDictionary<string, string> Data)
{
    public const string Description = "description";
    public const string CustomerName = "customerName";
    public const string CustomerEmail = "customerEmail";
    public const string Organisation = "organisation";
    public const string LifetimeValue = "lifetimeValue";

    public string? this[string key] => Data.GetValueOrDefault(key);

    /// <summary>A policy's own move, or the system's entry: a replay recomputes these and never copies them.</summary>
    public bool IsPoliciesOwn => Actor.Kind is ActorKind.Policy or ActorKind.System;
}
