using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Delivery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationStudio.Server.Tests.Delivery;

/// <summary>
/// The SMTP password and the webhook URLs (whose path is the webhook's token) are secrets: a server that signs in to a
/// real SMTP server with the password, posts to a webhook that fails once, and to one whose port is closed, writes
/// neither into any log line at any level (with the exceptions and scopes the lines carry), nor onto the timeline or
/// the deliveries the API shows.
/// </summary>
public sealed class DeliverySecretsTests : IAsyncLifetime
{
    private const string UserName = "desk";
    private const string Password = "smtp-Pa55word-never-logged";
    private const string Token = "T0KEN-never-logged";
    private const string ClosedToken = "CLOSED-T0KEN-never-logged";

    private readonly LoopbackSmtp _smtp = new(UserName, Password);
    private WebhookReceiver _chat = null!;
    private EverythingLoggedServer _server = null!;

    public async Task InitializeAsync()
    {
        _chat = await WebhookReceiver.StartAsync();
        _chat.Answer = call => call == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
        _server = new EverythingLoggedServer();
        _server.Settings.SendEmailTo(_smtp);
        _server.Settings["Escalation:Delivery:Email:UserName"] = UserName;
        _server.Settings["Escalation:Delivery:Email:Password"] = Password;
        _server.Settings["Escalation:Delivery:Chat:Webhooks:tier-2-room:Url"] = _chat.Url($"services/T000/B000/{Token}").ToString();
        _server.Settings["Escalation:Delivery:Chat:Webhooks:managers-room:Url"] = $"http://127.0.0.1:{Receivers.FreePort()}/webhookb2/{ClosedToken}";
        _server.Settings["Escalation:Delivery:Chat:Webhooks:managers-room:Shape"] = "Teams";
        _ = _server.Services;
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        await _chat.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Neither_the_SMTP_password_nor_a_webhook_url_reaches_any_log_line_the_timeline_or_the_deliveries()
    {
        var ticket = await _server.InDeskAsync(desk => desk.CreateAsync(
            new NewTicket("Invoice charged twice", "Charged twice for November.", new NewTicketRequester("Maria Lopez", "maria@example.com"),
                TicketChannel.Email, TierId: "tier-2", OwnerAgentId: EscalationServer.Tier2Agent),
            Actor.System));
        var noted = await _server.InDeskAsync(desk => desk.AddInternalNoteAsync(ticket.Id, "Briefing text", Actor.Policy("p")));
        await _server.InDeskAsync(desk => desk.AddTimelineEntryAsync(ticket.Id, DeliveryPlan.BriefingSentKind, "briefing sent",
            Actor.Policy("p"), new Dictionary<string, string> { [TicketEventData.MessageId] = noted.Messages[^1].Id.ToString() }));
        await _server.InDeskAsync(desk => desk.AddTimelineEntryAsync(
            ticket.Id, DeliveryPlan.ManagerAlertKind, "SLA at risk", Actor.Policy("p")));

        // Signed in and delivered by e-mail; the chat post failed once (503) and the managers' webhook could not connect.
        await Receivers.UntilAsync(() => _smtp.Messages.Count >= 3 && _chat.Calls.Count == 1 && FailedAttempts(ticket.Id) >= 2, "the e-mails and both failed chat posts");
        _server.Clock.Advance(TimeSpan.FromSeconds(30));
        await Receivers.UntilAsync(() => _chat.Calls.Count == 2, "the chat post's second attempt");
        await Receivers.UntilAsync(() => SucceededAttempts(ticket.Id) >= 4, "the second attempt on the timeline");
        using var api = _server.ClientWithKey(EscalationServer.AdminKey);
        var deliveries = await (await api.GetAsync($"api/tickets/{ticket.Id}/deliveries")).Content.ReadAsStringAsync();
        var timeline = await (await api.GetAsync($"api/tickets/{ticket.Id}/timeline")).Content.ReadAsStringAsync();
        var lines = _server.Everything.ToList();

        Assert.True(_smtp.SignIns > 0, "the SMTP server was never signed in to with the password");
        Assert.Contains("connect", deliveries, StringComparison.OrdinalIgnoreCase);
        // The capture is no blind spot: it holds the failures and the host's lowest-level lines.
        Assert.Contains(lines, line => line.Contains("failed on attempt 1", StringComparison.Ordinal) && line.Contains("managers-room", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("[Trace]", StringComparison.Ordinal) || line.Contains("[Debug]", StringComparison.Ordinal));
        string[] secrets = [Password, Token, ClosedToken, Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{UserName}\0{Password}"))];
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, deliveries, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, timeline, StringComparison.Ordinal);
        });
    }

    private int FailedAttempts(Guid ticketId) => Entries(ticketId, DeliverySender.FailedKind);

    private int SucceededAttempts(Guid ticketId) => Entries(ticketId, DeliverySender.SucceededKind);

    private int Entries(Guid ticketId, string kind) =>
        _server.InDeskAsync(desk => desk.GetTimelineAsync(ticketId)).GetAwaiter().GetResult()
            .Count(e => e[TicketEventData.Kind] == kind);

    /// <summary>The test host with one more logger that takes every level, every category, exceptions and scopes.</summary>
    private sealed class EverythingLoggedServer : EscalationServer
    {
        public ConcurrentQueue<string> Everything { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(new EverythingProvider(Everything));
                // A rule for this provider alone outranks the appsettings' per-category levels.
                logging.AddFilter<EverythingProvider>(null, LogLevel.Trace);
            });
        }
    }

    private sealed class EverythingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new EverythingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class EverythingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state} {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} [{logLevel}]: {formatter(state, exception)} {Values(state)} {exception}");

        private static string Values(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) : "";
    }
}
