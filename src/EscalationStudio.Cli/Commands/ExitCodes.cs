namespace EscalationStudio.Cli.Commands;

/// <summary>What every command answers: CI reads these.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A check failed: a validate error, a simulate comparison asked to fail on changes.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage: an unknown option, a file that cannot be read, a revision that does not exist.</summary>
    public const int BadUsage = 2;
}

/// <summary>Bad usage found while running a command: the message names the file, option or revision.</summary>
internal sealed class UsageException(string message) : Exception(message);
