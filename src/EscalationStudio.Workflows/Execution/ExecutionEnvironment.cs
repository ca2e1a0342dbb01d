using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Expressions;

namespace EscalationStudio.Workflows.Execution;

/// <summary>What every run shares: the services, clock and expression evaluators of the host.</summary>
internal sealed class ExecutionEnvironment(IServiceProvider services, TimeProvider timeProvider, ExpressionEvaluator evaluator, ActivityRegistry registry, int maxActivityExecutionsPerRun)
{
    /// <summary>A loop without an exit must not spin forever holding its instance's lock: past this, the run faults.</summary>
    public int MaxActivityExecutionsPerRun { get; } = maxActivityExecutionsPerRun;

    public IServiceProvider Services { get; } = services;
    public TimeProvider TimeProvider { get; } = timeProvider;
    public ExpressionEvaluator Evaluator { get; } = evaluator;
    public ActivityRegistry Registry { get; } = registry;
}
