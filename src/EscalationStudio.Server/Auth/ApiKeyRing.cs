using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Auth;

/// <summary>
/// The keys that open the API: those configured under <c>Auth:ApiKeys</c>, or, when none are, the admin key generated
/// on first run. Keys are kept only as SHA-256 hashes and compared in fixed time. The ring follows configuration
/// reloads, so a key removed or lowered in <c>appsettings.json</c> stops working, or works with its new role, at once.
/// </summary>
internal sealed partial class ApiKeyRing(IOptionsMonitor<AuthOptions> options, FirstRunAdminKey firstRunKey, ILogger<ApiKeyRing> logger)
{
    private readonly Lock _gate = new();
    private (AuthOptions? Source, IReadOnlyList<RingKey> Keys) _current;

    public bool UsesGeneratedKey => options.CurrentValue.ApiKeys.Count == 0;

    /// <summary>The key a caller presented, or null when no configured key has that value.</summary>
    public RingKey? Find(string presentedKey) => Match(Hash(presentedKey));

    /// <summary>The key with this <see cref="RingKey.Id"/> (as a Studio cookie carries it), if it is still configured.</summary>
    public RingKey? FindById(string keyId)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        return keyId.Length == 2 * hash.Length && Convert.FromHexString(keyId, hash, out _, out _) == System.Buffers.OperationStatus.Done
            ? Match(hash)
            : null;
    }

    private RingKey? Match(byte[] presented)
    {
        RingKey? match = null;
        foreach (var key in Keys())
        {
            // No early exit: the time taken does not tell which key came close.
            if (CryptographicOperations.FixedTimeEquals(key.Hash, presented))
            {
                match = key;
            }
        }

        return match;
    }

    private IReadOnlyList<RingKey> Keys()
    {
        AuthOptions configured;
        try
        {
            configured = options.CurrentValue;
        }
        catch (OptionsValidationException invalid)
        {
            // A reload that broke the Auth section: no key opens anything until it is fixed, rather than the old keys,
            // which may include the very key someone was removing.
            LogInvalidReload(logger, invalid.Message);
            return [];
        }

        lock (_gate)
        {
            if (!ReferenceEquals(_current.Source, configured))
            {
                var entries = configured.ApiKeys.Count > 0 ? configured.ApiKeys : [firstRunKey.Entry];
                _current = (configured, [.. entries.Select(e => new RingKey(Hash(e.Key), e))]);
            }

            return _current.Keys;
        }
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    [LoggerMessage(LogLevel.Error, "The reloaded Auth section is not valid, so no API key is accepted until it is fixed: {Problem}")]
    private static partial void LogInvalidReload(ILogger logger, string problem);
}

/// <summary>One configured key: its hash (never the key itself) and what it may do.</summary>
internal sealed record RingKey(byte[] Hash, ApiKeyEntry Entry)
{
    /// <summary>The hash as hex: what a Studio cookie carries to find the key again on every request.</summary>
    public string Id { get; } = Convert.ToHexStringLower(Hash);

    /// <summary>The caller as this key makes them now: its current role, agent and name.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        var role = Entry.Role.ToLowerInvariant();
        var claims = new List<Claim>
        {
            // Antiforgery tokens are bound to this claim: it stays the same while the key's role or name changes.
            new(ClaimTypes.NameIdentifier, Id),
            // The person's name when the key has one: what the history shows as who changed a policy.
            new(ClaimTypes.Name, string.IsNullOrWhiteSpace(Entry.Name) ? Entry.AgentId ?? role : Entry.Name.Trim()),
            new(ClaimTypes.Role, role),
        };
        if (!string.IsNullOrEmpty(Entry.AgentId))
        {
            claims.Add(new Claim(EscalationClaims.AgentId, Entry.AgentId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
