namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// A test run's own time: it starts at the live time and moves only when the run jumps to its next due timer, so a
/// day of SLA timers plays out in milliseconds and never disturbs the live clock.
/// </summary>
internal sealed class SandboxClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void MoveTo(DateTimeOffset instant)
    {
        if (instant > _now)
        {
            _now = instant;
        }
    }
}
