using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>Writes a line to the host's <see cref="ITextSink"/>. A null text writes an empty line, as in Elsa.</summary>
[Activity("Elsa", "Console", "Write a line of text to the console.")]
internal sealed class WriteLine : Activity
{
    [Input(Description = "The text to write.")]
    public Input<string>? Text { get; set; }

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var sink = context.Services.GetService(typeof(ITextSink)) as ITextSink ?? ConsoleTextSink.Instance;
        sink.WriteLine(context.Get(Text) ?? "");
        return ValueTask.CompletedTask;
    }
}
