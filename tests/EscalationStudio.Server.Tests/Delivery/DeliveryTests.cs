using System.Net;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EscalationStudio.Server.Tests.Delivery;

/// <summary>
/// Briefings and alerts leave the in-process server through the delivery outbox to a real SMTP server and real HTTP
/// receivers on 127.0.0.1; the fake clock drives the back-off.
/// </summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly LoopbackSmtp _smtp = new();
    private WebhookReceiver _slack = null!;
    private WebhookReceiver _teams = null!;
    private EscalationServer _server = null!;

    public async Task InitializeAsync()
    {
        _slack = await WebhookReceiver.StartAsync();
        _teams = await WebhookReceiver.StartAsync();
        _server = new EscalationServer();
        _server.Settings.SendEmailTo(_smtp);
        _server.Settings["Escalation:Delivery:Chat:Webhooks:tier-2-room:Url"] = _slack.Url("services/T000/B000/secret-token").ToString();
        _server.Settings["Escalation:Delivery:Chat:Webhooks:managers-room:Url"] = _teams.Url("webhookb2/secret-token").ToString();
        _server.Settings["Escalation:Delivery:Chat:Webhooks:managers-room:Shape"] = "Teams";
        _ = _server.Services;
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_briefing_arrives_by_email_to_tier_and_owner_and_in_the_tiers_slack_room()
    {
        var ticket = await OpenTier2TicketAsync();

        await BriefAsync(ticket, "**Invoice charged twice**: now with Tier 2\n- **Why it came:** refund above the cap");

        await Receivers.UntilAsync(() => _smtp.Messages.Count >= 2 && !_slack.Calls.IsEmpty, "the briefing's e-mails and chat post");
        var mails = _smtp.Messages.ToList();
        Assert.Equal(["katrin.vogel@brightline.example", "tier-2@brightline.example"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var mail = mails[0];
        Assert.Equal("Briefing: Invoice charged twice", mail.Subject);
        Assert.StartsWith("esc-", mail.MessageId, StringComparison.Ordinal);
        Assert.Equal(mail.MessageId!.Split('@')[0], mail.Headers[EmailSender.KeyHeader]);
        Assert.Contains("<strong>Invoice charged twice</strong>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<li><strong>Why it came:</strong> refund above the cap</li>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("Invoice charged twice: now with Tier 2", mail.TextBody ?? string.Empty, StringComparison.Ordinal);

        var post = Assert.Single(_slack.Calls);
        Assert.Equal("services/T000/B000/secret-token", post.Path);
        Assert.Equal("*Briefing: Invoice charged twice*\n*Invoice charged twice*: now with Tier 2\n- *Why it came:* refund above the cap", (string?)post.Body["text"]);
        Assert.StartsWith("esc-", post.Key, StringComparison.Ordinal);

        var succeeded = await TimelineAsync(ticket.Id, DeliverySender.SucceededKind, 3);
        Assert.All(succeeded, e => Assert.Equal("1", e["attempt"]));
        Assert.Contains(succeeded, e => e["channel"] == "chat" && e["target"] == "tier-2-room");

        // The webhook's URL is its secret: neither the timeline nor the log has it.
        Assert.DoesNotContain(await TimelineTextAsync(ticket.Id), "secret-token", StringComparison.Ordinal);
        lock (_server.Logs)
        {
            Assert.DoesNotContain(_server.Logs, line => line.Contains("secret-token", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_manager_alert_goes_to_the_managers_address_and_teams_channel()
    {
        var ticket = await OpenTier2TicketAsync();

        await _server.InDeskAsync(desk => desk.AddTimelineEntryAsync(
            ticket.Id, DeliveryPlan.ManagerAlertKind, "**SLA at risk: Invoice charged twice**\n- first-response: **24m left** of 4h", Actor.Policy("p")));

        await Receivers.UntilAsync(() => !_smtp.Messages.IsEmpty && !_teams.Calls.IsEmpty, "the manager alert");
        Assert.Equal("support-managers@brightline.example", _smtp.Messages.Single().To.Mailboxes.Single().Address);
        var card = Assert.Single(_teams.Calls).Body;
        Assert.Equal("MessageCard", (string?)card["@type"]);
        Assert.Equal("SLA alert: Invoice charged twice", (string?)card["title"]);
        Assert.Equal("**SLA at risk: Invoice charged twice**\n\n- first-response: **24m left** of 4h", (string?)card["text"]);
    }

    [Fact]
    public async Task A_customer_note_goes_to_the_requester_s_email_and_to_no_agent_or_chat()
    {
        var ticket = await OpenTier2TicketAsync();

        await _server.InDeskAsync(desk => desk.AddTimelineEntryAsync(
            ticket.Id, DeliveryPlan.CustomerNotificationKind, "Hello Maria Lopez, your case is now with our **Tier 2** team.", Actor.Policy("p")));

        var delivered = Assert.Single(await TimelineAsync(ticket.Id, DeliverySender.SucceededKind, 1));
        Assert.Equal(("email", "maria@example.com", DeliveryPlan.CustomerNote), (delivered["channel"], delivered["target"], delivered["purpose"]));
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("maria@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Re: Invoice charged twice", mail.Subject);
        Assert.Contains("<strong>Tier 2</strong>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("Hello Maria Lopez, your case is now with our Tier 2 team.", mail.TextBody ?? string.Empty, StringComparison.Ordinal);
        // Planned in the note's own commit: one row, the requester's; nothing for the tier, the owner or a chat room.
        Assert.Single(await _server.Services.GetRequiredService<IDeliveryOutbox>().ListAsync(ticket.Id));
        Assert.Empty(_slack.Calls);
        Assert.Empty(_teams.Calls);
    }

    [Fact]
    public async Task A_failing_receiver_is_tried_again_after_the_back_off_with_the_same_key_and_each_attempt_is_on_the_timeline()
    {
        _slack.Answer = call => call == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var ticket = await OpenTier2TicketAsync();

        await BriefAsync(ticket, "Briefing text");

        var failed = Assert.Single(await TimelineAsync(ticket.Id, DeliverySender.FailedKind, 1));
        Assert.Equal(("1", "tier-2-room", "false"), (failed["attempt"], failed["target"], failed["final"]));
        Assert.Contains("503", failed["error"], StringComparison.Ordinal);
        Assert.Equal((_server.Clock.GetUtcNow() + TimeSpan.FromSeconds(30)).ToString("O"), failed["retryAt"]);
        Assert.Single(_slack.Calls);

        // Short of the back-off nothing is sent; at it, the second attempt goes out.
        _server.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Single(_slack.Calls);
        _server.Clock.Advance(TimeSpan.FromSeconds(1));
        await Receivers.UntilAsync(() => _slack.Calls.Count == 2, "the second attempt");

        var calls = _slack.Calls.ToList();
        Assert.Equal(calls[0].Key, calls[1].Key);
        var chat = (await TimelineAsync(ticket.Id, DeliverySender.SucceededKind, 3)).Single(e => e["channel"] == "chat");
        Assert.Equal(("2", calls[0].Key), (chat["attempt"], chat["deliveryKey"]));
        var rows = await _server.Services.GetRequiredService<IDeliveryOutbox>().ListAsync(ticket.Id);
        Assert.All(rows, row => Assert.NotNull(row.DeliveredAt));
    }

    [Fact]
    public async Task A_receiver_refusing_the_request_is_given_up_at_once()
    {
        _slack.Answer = _ => HttpStatusCode.NotFound;
        var ticket = await OpenTier2TicketAsync();

        await BriefAsync(ticket, "Briefing text");

        var failed = Assert.Single(await TimelineAsync(ticket.Id, DeliverySender.FailedKind, 1));
        Assert.Equal(("1", "true"), (failed["attempt"], failed["final"]));
        _server.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Yield();
        Assert.Single(_slack.Calls);
    }

    [Fact]
    public async Task The_ticket_s_deliveries_say_where_each_went_its_state_and_every_attempt()
    {
        _slack.Answer = call => call == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        var ticket = await OpenTier2TicketAsync();
        await BriefAsync(ticket, "Briefing text");
        await TimelineAsync(ticket.Id, DeliverySender.FailedKind, 1);
        using var api = _server.ClientWithKey(EscalationServer.Tier2AgentKey);

        var retrying = await api.GetAsync($"api/tickets/{ticket.Id}/deliveries");
        var chat = (await retrying.ReadArrayAsync()).Single(d => (string?)d!["channel"] == "chat")!;
        Assert.Equal(("retrying", "tier-2-room", "briefing", 1), ((string?)chat["state"], (string?)chat["target"], (string?)chat["purpose"], (int)chat["attempts"]!));
        Assert.Contains("503", (string?)chat["lastError"], StringComparison.Ordinal);
        Assert.Equal(_server.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), DateTimeOffset.Parse((string)chat["nextAttemptAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        await TimelineAsync(ticket.Id, DeliverySender.SucceededKind, 3);
        var deliveries = await (await api.GetAsync($"api/tickets/{ticket.Id}/deliveries")).ReadArrayAsync();

        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("delivered", (string?)d!["state"]));
        Assert.Equal(["katrin.vogel@brightline.example", "tier-2-room", "tier-2@brightline.example"], deliveries.Select(d => (string)d!["target"]!).Order(StringComparer.Ordinal));
        var attempts = deliveries.Single(d => (string?)d!["channel"] == "chat")!["attemptLog"]!.AsArray();
        Assert.Equal(new[] { (1, "failed"), (2, "delivered") }, attempts.Select(a => ((int)a!["attempt"]!, (string)a["outcome"]!)));
        Assert.Contains("503", (string?)attempts[0]!["error"], StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", deliveries.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"api/tickets/{Guid.NewGuid()}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task A_restart_takes_back_at_once_what_the_node_s_earlier_process_had_claimed_but_not_another_node_s_claims()
    {
        _slack.Answer = _ => HttpStatusCode.ServiceUnavailable;
        var ticket = await OpenTier2TicketAsync();
        await BriefAsync(ticket, "Briefing text");
        await TimelineAsync(ticket.Id, DeliverySender.FailedKind, 1);
        var sender = _server.Services.GetRequiredService<DeliverySender>();
        var chatKey = (await _server.Services.GetRequiredService<IDeliveryOutbox>().ListAsync(ticket.Id)).Single(d => d.Delivery.Channel == DeliveryChannel.Chat).Delivery.Key;

        // The node's earlier process claimed the retry and died; another node holds a second row's lease.
        var later = _server.Clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        var other = await StageAsync(ticket.Id, "esc-other-node-0", "other-machine:0123456789ABCDEF/feed:1", later);
        await LeaseAsync(chatKey, $"{sender.NodePrefix}0badc0de:4242", later);
        _slack.Answer = _ => HttpStatusCode.OK;
        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Single(_slack.Calls);

        var released = await sender.TakeBackOwnLeasesAsync(CancellationToken.None);

        Assert.Equal(1, released);
        await Receivers.UntilAsync(() => _slack.Calls.Count == 2, "the taken-back retry");
        Assert.Equal(_slack.Calls.First().Key, _slack.Calls.Last().Key);
        // The receiver has answered; the row is marked delivered in the commit right after (it once was read before it).
        await TimelineAsync(ticket.Id, DeliverySender.SucceededKind, 3);
        var rows = await _server.Services.GetRequiredService<IDeliveryOutbox>().ListAsync(ticket.Id);
        Assert.NotNull(rows.Single(r => r.Delivery.Key == chatKey).DeliveredAt);
        Assert.Null(rows.Single(r => r.Delivery.Key == other).DeliveredAt);
    }

    private async Task<string> StageAsync(Guid ticketId, string key, string leasedBy, DateTimeOffset until)
    {
        await _server.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<EscalationStudio.Persistence.EscalationDbContext>();
            var entry = EscalationStudio.Persistence.Delivery.DeliveryOutboxEntry.From(
                new PlannedDelivery(key, ticketId, 1, DeliveryPlan.Briefing, DeliveryChannel.Chat, "tier-2-room", "s", "b"), _server.Clock.GetUtcNow());
            entry.LeasedBy = leasedBy;
            entry.LeasedUntil = until;
            db.Add(entry);
            return await db.SaveChangesAsync();
        });
        return key;
    }

    private Task<int> LeaseAsync(string key, string leasedBy, DateTimeOffset until) =>
        _server.InScopeAsync(sp => sp.GetRequiredService<EscalationStudio.Persistence.EscalationDbContext>()
            .Set<EscalationStudio.Persistence.Delivery.DeliveryOutboxEntry>().Where(e => e.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, leasedBy).SetProperty(e => e.LeasedUntil, until)));

    private async Task<Ticket> OpenTier2TicketAsync() =>
        await _server.InDeskAsync(desk => desk.CreateAsync(
            new NewTicket("Invoice charged twice", "I was charged twice for November.", new NewTicketRequester("Maria Lopez", "maria@example.com"),
                TicketChannel.Email, TierId: "tier-2", OwnerAgentId: EscalationServer.Tier2Agent),
            Actor.System));

    /// <summary>What the Send briefing activity records: the note, then the entry naming it.</summary>
    private async Task BriefAsync(Ticket ticket, string text)
    {
        var noted = await _server.InDeskAsync(desk => desk.AddInternalNoteAsync(ticket.Id, text, Actor.Policy("p")));
        await _server.InDeskAsync(desk => desk.AddTimelineEntryAsync(ticket.Id, DeliveryPlan.BriefingSentKind, "briefing sent", Actor.Policy("p"),
            new Dictionary<string, string> { [TicketEventData.MessageId] = noted.Messages[^1].Id.ToString() }));
    }

    private async Task<List<TicketEvent>> TimelineAsync(Guid ticketId, string kind, int atLeast)
    {
        List<TicketEvent> found = [];
        await Receivers.UntilAsync(() =>
        {
            var timeline = _server.InDeskAsync(desk => desk.GetTimelineAsync(ticketId)).GetAwaiter().GetResult();
            found = [.. timeline.Where(e => e[TicketEventData.Kind] == kind)];
            return found.Count >= atLeast;
        }, $"{atLeast} {kind} entries");
        return found;
    }

    private async Task<string> TimelineTextAsync(Guid ticketId) =>
        string.Join("\n", (await _server.InDeskAsync(desk => desk.GetTimelineAsync(ticketId)))
            .SelectMany(e => e.Data.Values));
}
