using System.CommandLine;
using EscalationStudio.Cli.Commands;

var root = new RootCommand("Escalation Studio: run, validate, diff and simulate escalation policies (Elsa 3 workflows) kept in git.")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    DiffCommand.Create(),
    SimulateCommand.Create(),
    HistoryCommand.Create(),
    RenderCommand.Create(),
    ExportCommand.Create(),
    ImportCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad usage is exit 2 for every command (System.CommandLine's own default is 1, which CI would read as a failed check).
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"escalation: {error.Message}");
    }

    return ExitCodes.BadUsage;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UsageException e)
{
    Console.Error.WriteLine($"escalation: {e.Message}");
    return ExitCodes.BadUsage;
}
