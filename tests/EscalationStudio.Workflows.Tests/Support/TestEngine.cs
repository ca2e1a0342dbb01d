using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Expressions.JavaScript;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EscalationStudio.Workflows.Tests.Support;

/// <summary>An engine with captured WriteLine output and a fake clock.</summary>
internal sealed class TestEngine
{
    public TestEngine(Action<WorkflowEngineBuilder>? configure = null, ScriptLimits? limits = null)
    {
        var builder = new WorkflowEngineBuilder();
        if (limits is not null)
        {
            builder.ScriptLimits = limits;
        }

        configure?.Invoke(builder);
        Services = new ServiceCollection().AddSingleton<ITextSink>(Lines).BuildServiceProvider();
        Engine = builder.Build(Services, Time);
    }

    public CapturedLines Lines { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public IServiceProvider Services { get; }
    public WorkflowEngine Engine { get; }
    public PublishedWorkflows Published { get; } = new();

    public Task<WorkflowRunResult> RunAsync(WorkflowDefinition definition, IReadOnlyDictionary<string, object?>? input = null)
    {
        Published.Add(definition);
        return Engine.StartAsync(Published.GetGraph(definition, Engine), new StartWorkflowRequest { Input = input });
    }

    public Task<WorkflowRunResult> RunAsync(WorkflowJson workflow, IReadOnlyDictionary<string, object?>? input = null) => RunAsync(workflow.Build(), input);

    public Task<WorkflowRunResult> ResumeAsync(WorkflowDefinition definition, WorkflowState state, string bookmarkId, object? input = null)
    {
        Published.Add(definition);
        return Engine.ResumeAsync(Published.GetGraph(definition, Engine), state, bookmarkId, input);
    }
}

internal sealed class CapturedLines : ITextSink
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public void WriteLine(string text)
    {
        lock (_lines)
        {
            _lines.Add(text);
        }
    }
}
