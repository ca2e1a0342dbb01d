namespace EscalationStudio.Workflows.Activities;

/// <summary>Where Elsa.WriteLine writes. Register one with the host's services; the console is the fallback.</summary>
public interface ITextSink
{
    void WriteLine(string text);
}

internal sealed class ConsoleTextSink : ITextSink
{
    public static readonly ConsoleTextSink Instance = new();

    public void WriteLine(string text) => Console.WriteLine(text);
}
