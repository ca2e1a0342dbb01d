using System.Diagnostics;

namespace EscalationStudio.Benchmarks;

/// <summary>This benchmark program started again as a child process (by its apphost or by <c>dotnet</c>), to run one mode apart.</summary>
internal static class ChildProcess
{
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
