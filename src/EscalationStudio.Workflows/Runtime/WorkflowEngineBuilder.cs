using System.Reflection;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Expressions.JavaScript;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// Configures the engine: the built-in Elsa activities are registered already; add your own with
/// <see cref="AddActivity{TActivity}"/> or <see cref="AddActivitiesFrom"/>. <see cref="Build"/> validates every
/// activity class and reports all problems at once.
/// </summary>
public sealed class WorkflowEngineBuilder
{
    public WorkflowEngineBuilder() => Activities.AddFromAssembly(typeof(WorkflowEngine).Assembly);

    public ActivityRegistryBuilder Activities { get; } = new();

    public ScriptLimits ScriptLimits { get; set; } = new();

    /// <summary>How many activities one run may execute before it is faulted as an endless loop.</summary>
    public int MaxActivityExecutionsPerRun { get; set; } = 100_000;

    public WorkflowEngineBuilder AddActivity<TActivity>() where TActivity : Activity
    {
        Activities.Add<TActivity>();
        return this;
    }

    public WorkflowEngineBuilder AddActivitiesFrom(Assembly assembly)
    {
        Activities.AddFromAssembly(assembly);
        return this;
    }

    public WorkflowEngine Build(IServiceProvider? services = null, TimeProvider? timeProvider = null)
    {
        ScriptLimits.Validate();
        return new(Activities.Build(), ScriptLimits, MaxActivityExecutionsPerRun, services ?? EmptyServices.Instance, timeProvider ?? TimeProvider.System);
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
