using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Cli.Commands;

/// <summary>Collects what WriteLine writes, split into lines as Elsa's tests capture them.</summary>
internal sealed class CapturedLines(bool echo) : ITextSink
{
    public List<string> Lines { get; } = [];

    public void WriteLine(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Lines.Add(line.TrimEnd('\r'));
        }

        if (echo)
        {
            Console.WriteLine(text);
        }
    }
}

internal sealed class SingleServiceProvider(Type serviceType, object service) : IServiceProvider
{
    public object? GetService(Type type) => type == serviceType ? service : null;
}
