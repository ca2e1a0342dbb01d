using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Health;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Health;

/// <summary>
/// A published policy whose script keeps a cyclic value used to end the server at the first matching customer message.
/// Now each run faults on its own, the other policies keep working, and after a few faulted runs in a row the policy
/// is suspended with an incident instead of faulting on every message.
/// </summary>
public sealed class PolicyHealthTests
{
    private readonly RecordingLogger<PolicyHealth> _log = new();

    private PolicyHarness NewHarness(int faultedRunsToSuspend = 3) => new(Org, MondayNineBerlin, configure: services =>
    {
        services.AddSingleton<ILogger<PolicyHealth>>(_log);
        services.Configure<PolicyHealthOptions>(o => o.FaultedRunsToSuspend = faultedRunsToSuspend);
    });

    private static WorkflowDefinition ScriptedPolicy(string script, int version = 1, string? keywords = null)
    {
        var definition = new PolicyFlow("scripted", "Scripted", "Runs a script on every customer message.")
            .Node("Heard", keywords is null ? "CustomerMessageReceived" : "KeywordMatched",
                keywords is null ? null : new Dictionary<string, object> { ["keywords"] = keywords }, startsWorkflow: true)
            .Node("Score", "Elsa.RunJavaScript", new Dictionary<string, object> { ["script"] = script })
            .Node("Tag", "AddTag", new Dictionary<string, object> { ["tag"] = "scored" })
            .Connect("Heard", "Done", "Score")
            .Connect("Score", "Done", "Tag")
            .Build();
        definition.Id = $"scripted-v{version}";
        definition.Version = version;
        return definition;
    }

    private const string Cyclic = "var a = {}; a.self = a; return a;";

    private static async Task WriteAsync(PolicyHarness harness, Ticket ticket, string text)
    {
        await harness.Desk.AddMessageAsync(ticket.Id, MessageKind.Customer, text, Actor.Customer(ticket.Requester.Id));
        await harness.SettleAsync();
    }

    private static async Task<IReadOnlyList<WorkflowInstanceSummary>> RunsOfAsync(PolicyHarness harness, string definitionId) =>
        await harness.Services.GetRequiredService<IWorkflowInstanceStore>().ListAsync(new WorkflowInstanceQuery { DefinitionId = definitionId, Take = 100 });

    private static async Task<bool> EscalatedAsync(PolicyHarness harness, string subject)
    {
        var ticket = await harness.OpenAsync(subject, "Hello.");
        await WriteAsync(harness, ticket, "I want a refund.");
        return (await harness.TimelineAsync(ticket.Id)).Any(e => e.Type == TicketEventType.Escalated);
    }

    [Fact]
    public async Task A_policy_keeping_a_cyclic_value_faults_each_run_and_is_suspended_after_the_threshold_while_the_others_keep_working()
    {
        await using var harness = NewHarness(faultedRunsToSuspend: 3);
        var health = harness.Services.GetRequiredService<PolicyHealth>();
        await harness.PublishAsync(ScriptedPolicy(Cyclic));
        await harness.PublishAsync(SamplePolicies.RetentionFastLane());
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");

        await WriteAsync(harness, ticket, "Any news?");
        await WriteAsync(harness, ticket, "Hello?");

        var faulted = await RunsOfAsync(harness, "scripted");
        Assert.Equal(2, faulted.Count);
        Assert.All(faulted, run => Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus));
        var incident = Assert.Single((await harness.Runtime.FindInstanceAsync(faulted[0].Id))!.Incidents);
        Assert.Equal("Score", incident.ActivityId);
        Assert.Contains("The result of the JavaScript in activity 'Score' cannot be kept: it refers back to itself", incident.Message, StringComparison.Ordinal);
        Assert.True(health.Admits("scripted"));
        Assert.True(await EscalatedAsync(harness, "Refund please"));

        await WriteAsync(harness, ticket, "Still broken!");

        var suspension = Assert.Single(health.Suspended);
        Assert.Equal("scripted", suspension.DefinitionId);
        Assert.Equal(3, suspension.FaultedRuns);
        var stored = await harness.Services.GetRequiredService<IIncidentStore>().ListAsync(suspension.LastInstanceId);
        var suspended = Assert.Single(stored, i => i.ActivityType == PolicyHealth.IncidentType);
        Assert.Contains("Policy 'scripted' is suspended", suspended.Message, StringComparison.Ordinal);
        Assert.Contains("after 3 faulted runs in a row", suspended.Message, StringComparison.Ordinal);
        Assert.Contains("activity 'Score'", suspended.Message, StringComparison.Ordinal);
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Policy scripted is suspended after 3 faulted runs", StringComparison.Ordinal));
        Assert.DoesNotContain(await harness.Runtime.ListTriggersAsync(), t => t.WorkflowDefinitionId == "scripted");

        // Suspended: more messages start nothing of it, and the other policies still run.
        await WriteAsync(harness, ticket, "Hello??");
        await WriteAsync(harness, ticket, "Anyone?");
        Assert.Equal(3, (await RunsOfAsync(harness, "scripted")).Count);
        Assert.True(await EscalatedAsync(harness, "Refund again"));

        // A manager publishes a fixed version: it runs again, and runs well.
        await harness.PublishAsync(ScriptedPolicy("return { score: 1 };", version: 2));
        await WriteAsync(harness, ticket, "Fixed?");

        Assert.Empty(health.Suspended);
        var runs = await RunsOfAsync(harness, "scripted");
        Assert.Equal(4, runs.Count);
        Assert.Single(runs, r => r.SubStatus == WorkflowSubStatus.Finished && r.DefinitionVersion == 2);
        Assert.Contains("scored", (await harness.Desk.FindAsync(ticket.Id))!.Tags);
    }

    [Fact]
    public async Task A_run_that_ends_well_between_faults_starts_the_count_again()
    {
        await using var harness = NewHarness(faultedRunsToSuspend: 2);
        var health = harness.Services.GetRequiredService<PolicyHealth>();
        // The trigger hands the script why it fired: a message with "broken" faults, one with "fine" runs well.
        await harness.PublishAsync(ScriptedPolicy(
            "if (getInput('reason').indexOf('broken') >= 0) { var a = {}; a.self = a; return a; } return 1;", keywords: "broken\nfine"));
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");

        foreach (var text in new[] { "broken", "fine", "broken", "fine", "broken" })
        {
            await WriteAsync(harness, ticket, text);
        }

        var runs = await RunsOfAsync(harness, "scripted");
        Assert.Equal(5, runs.Count);
        Assert.Equal(3, runs.Count(r => r.SubStatus == WorkflowSubStatus.Faulted));
        Assert.True(health.Admits("scripted"));

        await WriteAsync(harness, ticket, "broken");
        Assert.False(health.Admits("scripted"));
    }

    [Fact]
    public async Task Faults_further_apart_than_the_window_do_not_suspend_and_an_explicit_resume_lets_a_suspended_policy_run()
    {
        await using var harness = NewHarness(faultedRunsToSuspend: 2);
        var health = harness.Services.GetRequiredService<PolicyHealth>();
        await harness.PublishAsync(ScriptedPolicy(Cyclic));
        var ticket = await harness.OpenAsync("Invoice export stuck", "It spins.");

        await WriteAsync(harness, ticket, "one");
        harness.Clock.Advance(TimeSpan.FromMinutes(11));
        await WriteAsync(harness, ticket, "two");
        Assert.True(health.Admits("scripted"));

        await WriteAsync(harness, ticket, "three");
        Assert.False(health.Admits("scripted"));
        Assert.Equal(3, (await RunsOfAsync(harness, "scripted")).Count);

        Assert.True(health.Resume("scripted"));
        Assert.False(health.Resume("scripted"));
        await WriteAsync(harness, ticket, "four");
        Assert.Equal(4, (await RunsOfAsync(harness, "scripted")).Count);
    }

    [Theory]
    [InlineData(1, 10, "Escalation:PolicyHealth:FaultedRunsToSuspend must be between 2 and 10000 (was 1)")]
    [InlineData(5, 0, "Escalation:PolicyHealth:Window must be between 00:00:01 and 7.00:00:00 (was 00:00:00)")]
    public void Settings_that_cannot_work_are_refused_by_name(int runs, int windowMinutes, string expected)
    {
        var services = new ServiceCollection();
        services.AddEscalationPolicies("templates", useQuartz: false);
        services.Configure<PolicyHealthOptions>(o =>
        {
            o.FaultedRunsToSuspend = runs;
            o.Window = TimeSpan.FromMinutes(windowMinutes);
        });
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PolicyHealthOptions>>().Value);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }
}

internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
