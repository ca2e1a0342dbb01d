using EscalationStudio.Workflows.Definitions;

namespace EscalationStudio.Policies.Tests.Samples;

/// <summary>
/// The sample policies shipped in workflows/escalation/. They are written from here (set ESCALATION_WRITE_SAMPLES=1 and
/// run the tests) so the files always match what the tests run. Those a ticket event can start together carry distinct
/// precedences, so the order they act in is the one chosen here: a VIP goes to the managers first, a refund or
/// cancellation to retention before a manager request is heard (the customer ends with a manager), and the first-response
/// clock before the open-too-long one.
/// </summary>
internal static class SamplePolicies
{
    public static WorkflowDefinition OpenTooLong() =>
        new PolicyFlow("open-too-long", "Open too long: up a tier",
                "A ticket open longer than 8 business hours (pending time not counted) goes up to tier 2, and the customer hears about it.")
            .Node("OpenTooLong", "SlaTimer", new Dictionary<string, object>
            {
                ["metric"] = "OpenLongerThan",
                ["target"] = "8h",
                ["warningPercents"] = "",
                ["pauseWhileWaiting"] = true,
            }, startsWorkflow: true)
            .Node("UpToTier2", "EscalateToTier", new Dictionary<string, object>
            {
                ["tier"] = "tier-2",
                ["reason"] = "open longer than 8 business hours",
                ["ownerPick"] = "LeastLoaded",
            })
            .Node("TellCustomer", "NotifyCustomer", new Dictionary<string, object> { ["template"] = "customer/case-escalated" })
            .Precedence(0)
            .Connect("OpenTooLong", "Breached", "UpToTier2")
            .Connect("UpToTier2", "Escalated", "TellCustomer")
            .Build();

    public static WorkflowDefinition RetentionFastLane() =>
        new PolicyFlow("retention-fast-lane", "Retention fast lane",
                "Refund, legal, cancel or urgent in the customer's words: the case goes to the retention specialists at once; " +
                "if nobody there answers within five minutes, another specialist takes it. Retention may grant credits up to " +
                "its cap (org directory).")
            .Node("MoneyOrLaw", "KeywordMatched", new Dictionary<string, object>
            {
                ["keywords"] = "refund*\nlegal\nlawyer\nlawsuit\ncancel*\nurgent",
            }, startsWorkflow: true)
            .Node("Urgent", "SetPriority", new Dictionary<string, object> { ["priority"] = "Urgent" })
            .Node("ToRetention", "EscalateToTier", new Dictionary<string, object>
            {
                ["tier"] = "retention",
                ["ownerPick"] = "LeastLoaded",
                ["briefingTemplate"] = "agent/escalation-briefing",
            })
            .Node("TellCustomer", "NotifyCustomer", new Dictionary<string, object> { ["template"] = "customer/case-escalated" })
            .Node("AnsweredInFiveMinutes", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "AgentReplied", ["timeout"] = "5m" })
            .Node("NextSpecialist", "ReassignWithinTier", new Dictionary<string, object>
            {
                ["ownerPick"] = "LeastLoaded",
                ["note"] = "no answer within five minutes",
            })
            .Precedence(30)
            .Connect("MoneyOrLaw", "Done", "Urgent")
            .Connect("Urgent", "Done", "ToRetention")
            .Connect("ToRetention", "Escalated", "TellCustomer")
            .Connect("TellCustomer", "Done", "AnsweredInFiveMinutes")
            .Connect("AnsweredInFiveMinutes", "TimedOut", "NextSpecialist")
            .Build();

    public static WorkflowDefinition HighValueCustomers() =>
        new PolicyFlow("high-value-customers", "High-value customers to a senior lead",
                "Customers with a lifetime value of 10,000 or more (or flagged VIP) go straight to the managers' tier, and lower tiers cannot solve their tickets without a manager's sign-off.")
            .Node("HighValue", "VipCustomer", new Dictionary<string, object>
            {
                ["honourVipFlag"] = true,
                ["lifetimeValueThreshold"] = 10000m,
            }, startsWorkflow: true)
            .Node("ToSeniorLead", "EscalateToTier", new Dictionary<string, object>
            {
                ["tier"] = "managers",
                ["ownerPick"] = "LeastLoaded",
            })
            .Node("ManagerSignOff", "RequireSignOff", new Dictionary<string, object>
            {
                ["reason"] = "high-value customer: a manager signs off before the ticket is solved",
            })
            .Precedence(40)
            .Connect("HighValue", "Done", "ToSeniorLead")
            .Connect("ToSeniorLead", "Escalated", "ManagerSignOff")
            // Already with the managers (a manager request came first): the sign-off holds all the same.
            .Connect("ToSeniorLead", "NotAllowed", "ManagerSignOff")
            .Build();

    public static WorkflowDefinition FirstResponseLadder() =>
        new PolicyFlow("first-response-ladder", "First-response SLA ladder",
                "First response within 4 business hours: warnings at 50, 75 and 90 % tag the ticket sla-at-risk; at the breach it goes up to tier 2.")
            .Node("FirstResponse", "SlaTimer", new Dictionary<string, object>
            {
                ["metric"] = "FirstResponse",
                ["target"] = "4h",
                ["warningPercents"] = "50, 75, 90",
                ["pauseWhileWaiting"] = true,
            }, startsWorkflow: true)
            .Node("AtRisk", "AddTag", new Dictionary<string, object> { ["tag"] = "sla-at-risk" })
            .Node("Breached", "EscalateToTier", new Dictionary<string, object>
            {
                ["tier"] = "tier-2",
                ["reason"] = "first-response SLA breached",
                ["ownerPick"] = "LeastLoaded",
            })
            .Precedence(10)
            .Connect("FirstResponse", "Warning", "AtRisk")
            .Connect("AtRisk", "Done", "FirstResponse")
            .Connect("FirstResponse", "Breached", "Breached")
            .Build();

    public static WorkflowDefinition CustomerAsksForAManager() =>
        new PolicyFlow("customer-asks-for-a-manager", "Customer asks for a manager",
                "A customer who asks for a manager, a supervisor or someone in charge gets one: the case goes to the managers' " +
                "tier with a briefing, and the customer hears who has it. A case a manager has already is tagged manager-requested instead.")
            .Node("AsksForManager", "ManagerRequested", startsWorkflow: true)
            .Node("ToManager", "EscalateToTier", new Dictionary<string, object>
            {
                ["tier"] = "managers",
                ["ownerPick"] = "LeastLoaded",
                ["briefingTemplate"] = "agent/escalation-briefing",
            })
            .Node("TellCustomer", "NotifyCustomer", new Dictionary<string, object> { ["template"] = "customer/case-escalated" })
            .Node("AlreadyWithManagers", "AddTag", new Dictionary<string, object> { ["tag"] = "manager-requested" })
            .Precedence(20)
            .Connect("AsksForManager", "Done", "ToManager")
            .Connect("ToManager", "Escalated", "TellCustomer")
            .Connect("ToManager", "NotAllowed", "AlreadyWithManagers")
            .Build();

    /// <param name="flagTrigger">The trigger's type: its former name, ManualEscalation, still loads.</param>
    public static WorkflowDefinition HandBackToTier1(string flagTrigger = "EscalationRequested") =>
        new PolicyFlow("hand-back-to-tier-1", "Specialist hands back to tier 1",
                "An agent's manual flag sends the case to billing; once the specialist tags it blocker-resolved, it goes back to the tier-1 agent it came from with a hand-back note.")
            .Node("AgentFlag", flagTrigger, startsWorkflow: true)
            .Node("ToBilling", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "billing", ["ownerPick"] = "Skills", ["skill"] = "billing" })
            .Node("BlockerResolved", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "TagAdded", ["tag"] = "blocker-resolved", ["timeout"] = "72h" })
            .Node("BackToTier1", "DeEscalate", new Dictionary<string, object>
            {
                ["tier"] = "previous",
                ["handBackNote"] = "The billing specialist solved the blocking issue. Please confirm with the customer and solve the ticket.",
            })
            .Connect("AgentFlag", "Done", "ToBilling")
            .Connect("ToBilling", "Escalated", "BlockerResolved")
            .Connect("BlockerResolved", "Happened", "BackToTier1")
            .Build();

    public static IReadOnlyList<WorkflowDefinition> All() =>
        [OpenTooLong(), RetentionFastLane(), HighValueCustomers(), FirstResponseLadder(), HandBackToTier1(), CustomerAsksForAManager()];
}
