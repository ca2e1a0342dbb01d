using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Backlog;

/// <summary>
/// Which ticket triggers a newly published policy applies to tickets that were already open: only those that measure
/// time. An SLA timer's verdict depends on nothing but the ticket's history and the clock, so starting it late arms the
/// same due time it would have armed at the ticket's creation, and a target already breached fires at once.
/// </summary>
/// <remarks>
/// The other triggers judge one event when it happens, and the people who were on duty then already answered it:
/// <list type="bullet">
/// <item>TicketCreated and CustomerMessageReceived would greet or acknowledge tickets and messages answered long ago.</item>
/// <item>KeywordMatched, SentimentTurned and ManagerRequested read a message as it arrives; a week-old "refund" or "let me
/// speak to your manager" has been handled (or solved) by an agent, and escalating it now only adds noise to the next tier.</item>
/// <item>VipCustomer routes a VIP's ticket at intake; moving every VIP ticket an agent is already working on, all at once
/// when a manager presses Publish, would reshuffle queues mid-conversation without anything having happened.</item>
/// <item>EscalationRequested is an agent's request to the policies live at that moment; old flags were answered by people.</item>
/// </list>
/// They all apply from the ticket's next event on, as always.
/// </remarks>
internal static class BacklogTriggers
{
    private const string SlaTimerType = "Escalation." + nameof(SlaTimer);

    public static bool CoversOpenTickets(StoredTrigger trigger) =>
        string.Equals(trigger.Trigger.Name, SlaTimerType, StringComparison.Ordinal);

    /// <summary>
    /// The trigger an open ticket is started from. The dispatcher starts one instance per policy and ticket, from the
    /// first trigger that fires; a policy with several SLA timers as triggers is started from the first, as at creation.
    /// </summary>
    public static StoredTrigger? CoveringTrigger(IEnumerable<StoredTrigger> triggers) =>
        triggers.FirstOrDefault(CoversOpenTickets);
}
