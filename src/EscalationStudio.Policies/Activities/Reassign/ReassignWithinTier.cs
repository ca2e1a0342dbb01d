using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Reassign;

[Activity("Escalation", "Escalation", "Hands the case to another agent of the same tier (lateral, not an escalation).", DisplayName = "Reassign within tier")]
[FlowNode("Reassigned", "NoAgent")]
public sealed class ReassignWithinTier : Activity
{
    [Input(Description = "How to pick the new owner.", DefaultValue = Routing.OwnerPick.LeastLoaded, UIHint = UIHints.DropDown)]
    public Input<OwnerPick>? OwnerPick { get; set; }

    [Input(Description = "Skill the new owner needs when picking by skills.", UIHint = UIHints.DropDown, OptionsProvider = typeof(SkillOptions))]
    public Input<string>? Skill { get; set; }

    [Input(Description = "Note for the timeline.", UIHint = UIHints.SingleLine)]
    public Input<string>? Note { get; set; }

    [Output(Description = "The agent who received the case.")]
    public Output<string>? Owner { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var ticket = await context.TicketAsync();
        var pick = context.Get(OwnerPick) is var p and not Routing.OwnerPick.Queue ? p : Routing.OwnerPick.LeastLoaded;
        await using var picked = await context.GetRequiredService<OwnerPicker>().PickAsync(context.Org(), ticket.TierId, pick, context.Get(Skill), ticket.OwnerAgentId);
        var owner = picked.AgentId;
        if (owner is null)
        {
            context.Complete("NoAgent");
            return;
        }

        try
        {
            await context.WithDeskAsync(desk => desk.ReassignAsync(ticket.Id, owner, context.Policy(), PolicyReasons.Of(context, context.Get(Note))));
        }
        catch (TicketRuleViolationException refused)
        {
            await PolicyReasons.RecordRefusalAsync(context, "reassignment-refused", refused.Message, "NoAgent");
            context.Complete("NoAgent");
            return;
        }

        context.Set(Owner, owner);
        context.Complete("Reassigned");
    }
}
