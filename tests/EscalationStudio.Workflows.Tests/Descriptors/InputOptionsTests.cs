using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Workflows.Tests.Descriptors;

public sealed class InputOptionsTests
{
    /// <summary>What the host knows and the activity class does not: the queues of the moment.</summary>
    public sealed record Queues(params string[] Names);

    public sealed class QueueOptions(Queues queues) : IInputOptionsProvider
    {
        public IReadOnlyList<InputOption> GetOptions() => [new("Any queue", ""), .. queues.Names.Select(n => new InputOption(n.ToUpperInvariant(), n))];
    }

    [Activity("Acme", "Acme", "Routes a ticket to a queue.")]
    public sealed class Route : Activity
    {
        [Input(UIHint = UIHints.DropDown, OptionsProvider = typeof(QueueOptions))]
        public Input<string>? Queue { get; set; }

        [Input(UIHint = UIHints.RadioList, Options = ["Low", "High"])]
        public Input<string>? Urgency { get; set; }

        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    [Activity("Acme", "Acme", "Declares a provider that is not one.")]
    public sealed class WrongProvider : Activity
    {
        [Input(UIHint = UIHints.DropDown, OptionsProvider = typeof(string))]
        public Input<string>? Queue { get; set; }

        protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context) => ValueTask.CompletedTask;
    }

    private static ActivityDescriptor Described<T>()
        where T : Activity =>
        new ActivityRegistryBuilder().Add<T>().Build().Registrations.Single().Descriptor;

    private static JsonObject SelectList(ActivityDescriptor descriptor, string input, string hint) =>
        descriptor.Inputs.Single(i => i.Name == input).UISpecifications![hint]!["selectList"]!.AsObject();

    [Fact]
    public void A_providers_choices_are_listed_from_the_hosts_services_in_the_select_list_shape_Studio_reads()
    {
        var services = new ServiceCollection().AddSingleton(new Queues("billing", "legal")).BuildServiceProvider();

        var filled = InputOptions.Fill(Described<Route>(), services);

        var selectList = SelectList(filled, "Queue", "dropdown");
        Assert.Equal(["", "billing", "legal"], selectList["items"]!.AsArray().Select(i => (string)i!["value"]!));
        Assert.Equal("BILLING", (string?)selectList["items"]![1]!["text"]);
        Assert.False((bool)selectList["isFlagsEnum"]!);
    }

    [Fact]
    public void The_choices_follow_the_hosts_data_at_each_request()
    {
        var queues = new Queues("billing");
        var descriptor = Described<Route>();

        var before = InputOptions.Fill(descriptor, new ServiceCollection().AddSingleton(queues).BuildServiceProvider());
        var after = InputOptions.Fill(descriptor, new ServiceCollection().AddSingleton(queues with { Names = ["billing", "vip"] }).BuildServiceProvider());

        Assert.Equal(2, SelectList(before, "Queue", "dropdown")["items"]!.AsArray().Count);
        Assert.Equal(3, SelectList(after, "Queue", "dropdown")["items"]!.AsArray().Count);
        Assert.Null(descriptor.Inputs.Single(i => i.Name == "Queue").UISpecifications);
    }

    [Fact]
    public void Fixed_options_are_described_under_their_hint_in_the_same_shape()
    {
        var urgency = SelectList(Described<Route>(), "Urgency", "radiolist");

        Assert.Equal(["Low", "High"], urgency["items"]!.AsArray().Select(i => (string)i!["value"]!));
    }

    [Fact]
    public void An_options_provider_that_does_not_list_options_is_refused_at_registration()
    {
        var error = Assert.Throws<ActivityRegistrationException>(() => new ActivityRegistryBuilder().Add<WrongProvider>().Build());

        Assert.Contains(error.Problems, p => p.Contains("WrongProvider.Queue", StringComparison.Ordinal) && p.Contains("IInputOptionsProvider", StringComparison.Ordinal));
    }
}
