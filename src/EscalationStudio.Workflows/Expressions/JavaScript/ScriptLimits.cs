namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Hard limits for one script evaluation. A script that breaks one faults only its own activity, with an incident
/// naming the limit; the host and other instances carry on. Every limit the sandbox enforces is here, and the designer's
/// test runs use the live engine's instance.
/// </summary>
public sealed record ScriptLimits
{
    /// <summary>
    /// Wall-clock time for the whole evaluation, including turning its result into workflow data. A regular expression
    /// gets the same budget for each match: a match is one step of the script, and the clock is only read between steps.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes the script may allocate, measured between statements.</summary>
    public long MemoryBytes { get; init; } = 16 * 1024 * 1024;

    public int RecursionDepth { get; init; } = 128;

    public int MaxStatements { get; init; } = 200_000;

    /// <summary>
    /// Characters in one string a built-in would build (<c>repeat</c>, <c>padEnd</c>, <c>join</c>, <c>replaceAll</c>,
    /// <c>JSON.stringify</c>...). Checked before the string is allocated: the memory limit is only measured between
    /// statements, and one statement can otherwise allocate a gigabyte.
    /// </summary>
    public int MaxStringLength { get; init; } = 1_000_000;

    /// <summary>Elements of one array (Jint's MaxArraySize), checked when the array is created or grown.</summary>
    public uint MaxArrayLength { get; init; } = 100_000;

    /// <summary>How deeply a value the script hands to the workflow may nest objects and arrays.</summary>
    public int MaxValueDepth { get; init; } = 32;

    /// <summary>How many values (objects, arrays, elements, properties) one value handed to the workflow may hold.</summary>
    public int MaxValueItems { get; init; } = 100_000;

    /// <summary>
    /// Whether C# expressions and Run C# may run. The limits above bound a C# script's time and memory, not what it
    /// touches: it can call any .NET API the process can (files, network, processes). Off, a version using C# does not
    /// load (each use is a problem naming its activity) and a C# evaluation fails.
    /// </summary>
    public bool AllowCSharp { get; init; } = true;

    /// <summary>Refuses limits that cannot work, naming the limit; the engine builder calls it.</summary>
    public void Validate()
    {
        Require(Timeout > TimeSpan.Zero && Timeout <= TimeSpan.FromMinutes(10), nameof(Timeout), "between 1 ms and 10 minutes");
        Require(MemoryBytes >= 1024 * 1024, nameof(MemoryBytes), "at least 1 MB");
        Require(RecursionDepth is >= 1 and <= 10_000, nameof(RecursionDepth), "between 1 and 10,000");
        Require(MaxStatements >= 1 && MaxStatements < int.MaxValue, nameof(MaxStatements), "at least 1");
        Require(MaxStringLength is >= 1_000 and <= 100_000_000, nameof(MaxStringLength), "between 1,000 and 100,000,000");
        Require(MaxArrayLength is >= 1_000 and <= 10_000_000, nameof(MaxArrayLength), "between 1,000 and 10,000,000");
        // Instance state adds about ten levels of its own, and it is written with System.Text.Json's depth limit.
        Require(MaxValueDepth is >= 1 and <= 48, nameof(MaxValueDepth), "between 1 and 48");
        Require(MaxValueItems >= 1, nameof(MaxValueItems), "at least 1");
    }

    private static void Require(bool valid, string name, string range)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, $"ScriptLimits.{name} must be {range}.");
        }
    }
}
