using System.Security.Cryptography;
using EscalationStudio.Server.Hosting;

namespace EscalationStudio.Server.Auth;

/// <summary>
/// When no key is configured, the server makes one admin key on first run and keeps it in the data folder, so a fresh
/// checkout is usable at once and never open to anonymous writes.
/// </summary>
internal sealed partial class FirstRunAdminKey(EscalationPaths paths, ILogger<FirstRunAdminKey> logger)
{
    public const string FileName = "admin-api-key.txt";

    private readonly Lazy<ApiKeyEntry> _entry = new(() => LoadOrCreate(paths, logger));

    public string FilePath => Path.Combine(paths.DataPath, FileName);

    public ApiKeyEntry Entry => _entry.Value;

    private static ApiKeyEntry LoadOrCreate(EscalationPaths paths, ILogger logger)
    {
        var file = Path.Combine(paths.DataPath, FileName);
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= AuthOptionsValidator.MinimumKeyLength } existing)
        {
            LogUsingKeyFile(logger, file);
            return new ApiKeyEntry { Key = existing, Role = EscalationRoles.Admin, Name = "admin" };
        }

        Directory.CreateDirectory(paths.DataPath);
        var key = "esk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(file, key + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Only its start: logs are collected, shipped and kept where the key file's owner-only mode does not reach.
        LogGeneratedKey(logger, file, key[..Math.Min(8, key.Length)]);
        return new ApiKeyEntry { Key = key, Role = EscalationRoles.Admin, Name = "admin" };
    }

    [LoggerMessage(LogLevel.Warning, "No API keys configured (Auth:ApiKeys). Generated an admin key ({KeyStart}…) and stored it in {File}; read it there and use it as: Authorization: ApiKey <key>")]
    private static partial void LogGeneratedKey(ILogger logger, string file, string keyStart);

    [LoggerMessage(LogLevel.Information, "No API keys configured (Auth:ApiKeys); using the admin key stored in {File}")]
    private static partial void LogUsingKeyFile(ILogger logger, string file);
}
