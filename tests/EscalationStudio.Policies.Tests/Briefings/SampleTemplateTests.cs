using EscalationStudio.Domain.Calendars;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Policies.Templates;

namespace EscalationStudio.Policies.Tests.Briefings;

/// <summary>The templates shipped in the repository's templates/ folder render a real briefing.</summary>
public sealed class SampleTemplateTests
{
    private static readonly TemplateRenderer Renderer = new(new TemplateLibrary(Path.Combine(RepositoryRoot(), "templates")));

    private static BriefingModel Model(BriefingApproval? approval = null, string kind = "escalation", string? note = null)
    {
        var ticket = SupportDesk.EscalatedTicket();
        var now = SupportDesk.Monday9.AddHours(1).AddMinutes(1);
        var sla = SlaClock.Evaluate(SlaTarget.Of(SlaMetric.FirstResponse, TimeSpan.FromHours(4), 50), BusinessClock.AroundTheClock(),
            ticket.UncommittedEvents.Where(e => e.Type != Domain.Tickets.TicketEventType.MessageAdded), now);
        return BriefingBuilder.Build(ticket, ticket.UncommittedEvents, SupportDesk.Org,
            new BriefingRequest(
                SupportDesk.ToRetention(kind, note),
                SupportDesk.RetentionPolicy,
                [sla],
                Approval: approval),
            now);
    }

    [Fact]
    public async Task Escalation_briefing_tells_the_new_owner_why_what_and_what_they_may_do()
    {
        var text = (await Renderer.RenderAsync("agent/escalation-briefing", Model())).Text;
        Assert.Contains("**Invoice charged twice** (high priority", text, StringComparison.Ordinal);
        Assert.Contains("Maria Lopez <maria@example.com>, Lopez GmbH · **VIP** · lifetime value 48,000", text, StringComparison.Ordinal);
        Assert.Contains("- customer threatens to cancel", text, StringComparison.Ordinal);
        Assert.Contains("Decided by policy \"Retention fast lane\" v3, step \"Escalate to retention\"", text, StringComparison.Ordinal);
        Assert.Contains("The customer asked: \"speak to a manager\"", text, StringComparison.Ordinal);
        Assert.Contains("escalated: Tier 1 → Retention specialists (Ben Okafor) — customer threatens to cancel", text, StringComparison.Ordinal);
        Assert.Contains("Ana Kovač (internal): Billing says", text, StringComparison.Ordinal);
        Assert.Contains("- approve refunds up to 1,000", text, StringComparison.Ordinal);
        Assert.Contains("first-response: running", text, StringComparison.Ordinal);
        Assert.EndsWith("Original request:\nYou charged my card twice for March.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_briefings_first_lines_answer_why_wants_tried_may_decide_and_sla_left()
    {
        var text = (await Renderer.RenderAsync("agent/escalation-briefing", Model())).Text;
        var firstLines = text.Split('\n').Take(6).ToList();

        Assert.StartsWith("**Invoice charged twice**: now with Retention specialists (Ben Okafor)", firstLines[0], StringComparison.Ordinal);
        Assert.StartsWith("- **Why it came:** customer threatens to cancel (policy \"Retention fast lane\" v3)", firstLines[1], StringComparison.Ordinal);
        Assert.StartsWith("- **The customer wants:** ", firstLines[2], StringComparison.Ordinal);
        Assert.StartsWith("- **Already tried:** Ana Kovač (internal): Billing says", firstLines[3], StringComparison.Ordinal);
        Assert.StartsWith("- **You may decide:** approve refunds up to 1,000", firstLines[4], StringComparison.Ordinal);
        Assert.Equal("- **SLA left:** first-response 2h 59m", firstLines[5]);
    }

    [Fact]
    public async Task A_ticket_opened_with_a_subject_only_is_briefed_with_the_customers_latest_words()
    {
        var model = Model();
        model = model with { Ticket = model.Ticket with { Description = "" } };

        var text = (await Renderer.RenderAsync("agent/escalation-briefing", model)).Text;

        Assert.Contains("- **The customer wants:** This is unacceptable. I want a refund or I cancel.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Original request:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ticket_with_neither_description_nor_message_says_so_instead_of_leaving_the_line_empty()
    {
        var model = Model();
        model = model with
        {
            Ticket = model.Ticket with { Description = "  " },
            Conversation = model.Conversation with { Recent = [.. model.Conversation.Recent.Where(m => m.Author != "customer")] },
        };

        var text = (await Renderer.RenderAsync("agent/escalation-briefing", model)).Text;

        Assert.Contains("- **The customer wants:** only the subject says (no description, no message yet)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Original request:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_customer_is_not_introduced_with_a_lifetime_value_of_zero()
    {
        var model = Model();
        model = model with { Customer = model.Customer with { LifetimeValue = 0 } };

        var text = (await Renderer.RenderAsync("agent/escalation-briefing", model)).Text;

        Assert.Contains(")\n- Customer: Maria Lopez <maria@example.com>, Lopez GmbH · **VIP**\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lifetime value", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manager_alert_says_how_long_is_left_and_who_has_the_case()
    {
        var text = (await Renderer.RenderAsync("manager/sla-alert", Model())).Text;

        Assert.StartsWith("**SLA at risk: Invoice charged twice**", text, StringComparison.Ordinal);
        Assert.Contains("- first-response: **2h 59m left** of 4h", text, StringComparison.Ordinal);
        Assert.Contains("- With Retention specialists (Ben Okafor)", text, StringComparison.Ordinal);
        Assert.Contains("Maria Lopez, Lopez GmbH · **VIP**", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandBackNote_carries_the_note()
    {
        var text = (await Renderer.RenderAsync("agent/de-escalation-handback", Model(kind: "de-escalation", note: "Duplicate charge refunded; please confirm with Maria."))).Text;
        Assert.Contains("Handed back to you by Tier 1 (Ana Kovač)", text, StringComparison.Ordinal);
        Assert.Contains("Duplicate charge refunded; please confirm with Maria.", text, StringComparison.Ordinal);
        Assert.Contains("confirm with Maria Lopez", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomerNote_is_polite_and_leaks_nothing_internal()
    {
        var text = (await Renderer.RenderAsync("customer/case-escalated", Model())).Text;
        Assert.StartsWith("Hello Maria Lopez,", text, StringComparison.Ordinal);
        Assert.Contains("our Retention specialists team, where Ben Okafor is now looking after it", text, StringComparison.Ordinal);
        Assert.Contains("You can expect to hear from us by Monday, 02 March 13:00 (UTC)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pre-authorisation", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lifetime", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_request_names_amount_reason_and_deadline()
    {
        var approval = new BriefingApproval
        {
            Kind = "refund",
            Amount = 1_250m,
            RequestedBy = "Ben Okafor",
            Reason = "double charge plus goodwill",
            ApproverTier = "Managers",
            DecideBy = SupportDesk.Monday9.AddHours(5),
        };
        var text = (await Renderer.RenderAsync("approval/approval-request", Model(approval))).Text;
        Assert.StartsWith("Approval needed: refund of 1,250 on \"Invoice charged twice\"", text, StringComparison.Ordinal);
        Assert.Contains("Reason: double charge plus goodwill", text, StringComparison.Ordinal);
        Assert.Contains("Please decide by Mon 2026-03-02 14:00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sample_template_parses_and_has_a_description()
    {
        var templates = Renderer.Library.List();
        Assert.True(templates.Count >= 6);
        Assert.All(templates, t =>
        {
            Assert.Empty(Renderer.Library.Problems(t.Name));
            Assert.NotEqual(string.Empty, t.Description);
        });
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Studio.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Studio.sln not found above " + AppContext.BaseDirectory);
    }
}
