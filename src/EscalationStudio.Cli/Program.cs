using System.CommandLine;
using EscalationStudio.Cli.Commands;

var root = new RootCommand("Escalation Studio: run, validate and simulate escalation policies (Elsa 3 workflows).")
{
    RunCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
