using System.Reflection;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Communication;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Policies.Tests.Templates;
using Microsoft.Extensions.DependencyInjection;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Briefings;

/// <summary>
/// A briefing composed right after the run's own desk command renders the ticket that command answered instead of
/// reading it again; these pin that it is never an out-of-date ticket.
/// </summary>
public sealed class RunTicketTests : IDisposable
{
    private readonly TemplateFolder _templates = new TemplateFolder()
        .With("customer/echo", "{{ ticket.priority }}, {{ conversation.customer_message_count }} customer messages");

    public void Dispose() => _templates.Dispose();

    private static PolicyFlow PriorityThenNotify() =>
        new PolicyFlow("echo", "Echo", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("High", "SetPriority", new Dictionary<string, object> { ["priority"] = "High" })
            .Node("Urgent", "SetPriority", new Dictionary<string, object> { ["priority"] = "Urgent" })
            .Node("Tell", "NotifyCustomer", new Dictionary<string, object> { ["template"] = "customer/echo" })
            .Connect("Start", "Done", "High")
            .Connect("High", "Done", "Urgent")
            .Connect("Urgent", "Done", "Tell");

    private async Task<(string Text, bool TicketReadAgain)> NotificationAsync(bool agentChangesTheTicketFirst)
    {
        DeskSpy? spy = null;
        await using var harness = new PolicyHarness(Org, MondayNineBerlin, configure: services =>
        {
            services.AddSingleton(new TemplateRenderer(new TemplateLibrary(_templates.Root)));
            services.AddSingleton(provider => DeskSpy.Around(
                new InMemoryTicketDesk(provider.GetRequiredService<IOrgDirectorySource>(), provider.GetRequiredService<TimeProvider>(), provider.GetServices<ITicketEventObserver>),
                agentChangesTheTicketFirst,
                out spy));
        });
        await harness.PublishAsync(PriorityThenNotify().Build());
        var ticket = await harness.OpenAsync("Help", "Please help.");
        await harness.SettleAsync();
        var notification = Assert.Single(await harness.TimelineAsync(ticket.Id), e => e[TicketEventData.Kind] == NotifyCustomer.TimelineKind);
        return (notification[TicketEventData.Text]!, spy!.FoundAfterTimeline);
    }

    [Fact]
    public async Task Notification_right_after_the_runs_own_changes_renders_the_ticket_the_last_of_them_answered_without_reading_it_again()
    {
        var (text, readAgain) = await NotificationAsync(agentChangesTheTicketFirst: false);
        Assert.Equal("urgent, 0 customer messages", text);
        Assert.False(readAgain);
    }

    [Fact]
    public async Task Notification_when_someone_else_changed_the_ticket_since_the_runs_last_command_reads_the_ticket_again()
    {
        var (text, readAgain) = await NotificationAsync(agentChangesTheTicketFirst: true);
        Assert.Equal("low, 0 customer messages", text);
        Assert.True(readAgain);
    }

    /// <summary>
    /// Answers each desk command with a copy of the ticket, as the EF desk answers with a snapshot (the in-memory desk
    /// hands out its live ticket, which would hide a stale answer); notes a ticket read after the timeline read (the
    /// composer's fallback); and can let an agent change the ticket just before the first timeline read, as another
    /// writer slipping in between the run's command and its briefing.
    /// </summary>
    public class DeskSpy : DispatchProxy
    {
        private static readonly MethodInfo Copy = typeof(object).GetMethod("MemberwiseClone", BindingFlags.NonPublic | BindingFlags.Instance)!;
        private ITicketDesk _inner = null!;
        private bool _agentChangesFirst;
        private bool _timelineRead;

        public bool FoundAfterTimeline { get; private set; }

        public static ITicketDesk Around(ITicketDesk inner, bool agentChangesFirst, out DeskSpy spy)
        {
            var proxy = Create<ITicketDesk, DeskSpy>();
            spy = (DeskSpy)(object)proxy;
            spy._inner = inner;
            spy._agentChangesFirst = agentChangesFirst;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod!.Name)
            {
                case nameof(ITicketDesk.GetTimelineAsync):
                    return TimelineAsync((Guid)args![0]!);
                case nameof(ITicketDesk.FindAsync):
                    FoundAfterTimeline |= _timelineRead;
                    return targetMethod.Invoke(_inner, args);
                default:
                    var answer = targetMethod.Invoke(_inner, args);
                    return answer is Task<Ticket> command ? SnapshotAsync(command) : answer;
            }
        }

        private static async Task<Ticket> SnapshotAsync(Task<Ticket> command) => (Ticket)Copy.Invoke(await command, null)!;

        private async Task<IReadOnlyList<TicketEvent>> TimelineAsync(Guid ticketId)
        {
            if (_agentChangesFirst)
            {
                _agentChangesFirst = false;
                await _inner.SetPriorityAsync(ticketId, TicketPriority.Low, Actor.Agent("ana.kovac"), "not that urgent");
            }

            _timelineRead = true;
            return await _inner.GetTimelineAsync(ticketId);
        }
    }
}
