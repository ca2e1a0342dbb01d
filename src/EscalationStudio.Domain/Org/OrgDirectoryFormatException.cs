namespace EscalationStudio.Domain.Org;

/// <summary>An org directory file that cannot be used; <see cref="Errors"/> lists every problem, each naming the field.</summary>
public sealed class OrgDirectoryFormatException(string source, IReadOnlyList<string> errors)
    : Exception($"{source}: {errors.Count} problem(s): {string.Join("; ", errors)}")
{
    public string File { get; } = source;

    public IReadOnlyList<string> Errors { get; } = errors;
}
