using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Tests.Support;

namespace EscalationStudio.Workflows.Tests.Activities;

public sealed class FaultTests
{
    [Activity("Tests", "Testing", "Always fails.")]
    public sealed class Explode : Activity
    {
        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
            throw new InvalidOperationException("Ticket 42 has no owner.");
    }

    /// <summary>Commits to a database that is away, as the desk does when its connection drops.</summary>
    [Activity("Tests", "Testing", "Its database is away.")]
    public sealed class CommitWhileDatabaseAway : Activity
    {
        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) =>
            throw new InvalidOperationException("Saving the escalation failed.", new DatabaseAway());
    }

    private sealed class DatabaseAway() : System.Data.Common.DbException("database is locked");

    private readonly TestEngine _engine = new(builder => builder.AddActivity<Explode>().AddActivity<CommitWhileDatabaseAway>());

    [Fact]
    public async Task A_throwing_activity_faults_the_instance_and_records_an_incident()
    {
        var workflow = WorkflowJson.Named("Faulty")
            .Variable("v-note", "Note", "String", "kept")
            .WriteLine("before", "Before")
            .Activity("boom", "Tests.Explode")
            .WriteLine("after", "After")
            .Connect("before", "boom").Connect("boom", "after");

        var run = await _engine.RunAsync(workflow);

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        var incident = Assert.Single(run.Incidents);
        Assert.Equal(("boom", "Tests.Explode", "Ticket 42 has no owner."), (incident.ActivityId, incident.ActivityType, incident.Message));
        Assert.Equal(["Before"], _engine.Lines.All);
        var root = run.State.ActivityExecutionContexts.Single(c => c.ParentContextId is null);
        Assert.Equal("kept", root.Variables!.Single().Value!.GetValue<string>());
    }

    [Fact]
    public async Task A_database_that_is_away_is_not_the_activitys_fault_the_run_stops_unsaved_so_the_stimulus_comes_again()
    {
        var workflow = WorkflowJson.Named("Escalates")
            .WriteLine("before", "Before")
            .Activity("escalate", "Tests.CommitWhileDatabaseAway")
            .Connect("before", "escalate");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => _engine.RunAsync(workflow));

        Assert.IsType<DatabaseAway>(thrown.InnerException);
        Assert.False(Workflows.Runtime.RunFaults.IsTheRunsOwn(thrown));
        Assert.True(Workflows.Runtime.RunFaults.IsTheRunsOwn(new InvalidOperationException("Ticket 42 has no owner.")));
    }

    [Fact]
    public async Task Running_an_unknown_activity_type_faults_with_its_type_in_the_incident()
    {
        var run = await _engine.RunAsync(WorkflowJson.Named("Unknown").Activity("x", "Acme.Teleport"));

        Assert.Equal(WorkflowSubStatus.Faulted, run.SubStatus);
        Assert.Contains("Acme.Teleport", Assert.Single(run.Incidents).Message);
    }

    [Fact]
    public async Task An_expression_language_the_engine_lacks_faults_with_a_clear_message_instead_of_a_silent_null()
    {
        var workflow = WorkflowJson.Named("Python").Activity("w", "Elsa.WriteLine", new JsonObject
        {
            ["text"] = WorkflowJson.Expression("Python", "'x'", "String"),
        });

        var run = await _engine.RunAsync(workflow);

        Assert.Contains("Python", Assert.Single(run.Incidents).Message);
    }

    [Fact]
    public async Task An_input_that_does_not_convert_faults_with_the_input_named()
    {
        var workflow = WorkflowJson.Named("Bad delay").Activity("wait", "Elsa.Delay", new JsonObject { ["timeSpan"] = WorkflowJson.Literal("soon", "TimeSpan") });

        var run = await _engine.RunAsync(workflow);

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("wait", incident.ActivityId);
        Assert.StartsWith("Input 'TimeSpan': Cannot convert 'soon' to TimeSpan", incident.Message);
    }
}
