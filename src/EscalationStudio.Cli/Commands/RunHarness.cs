namespace EscalationStudio.Cli.Commands;

internal enum RunHarness
{
    RunUntilEnd,
    ExecuteOnce,
    InvokeOnce,
}

internal static class RunHarnessNames
{
    public static RunHarness Parse(string name) => name switch
    {
        "run-until-end" => RunHarness.RunUntilEnd,
        "execute-once" => RunHarness.ExecuteOnce,
        "invoke-once" => RunHarness.InvokeOnce,
        _ => throw new ArgumentException($"Unknown harness '{name}': use run-until-end, execute-once or invoke-once."),
    };
}
