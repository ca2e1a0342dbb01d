using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Auth;

/// <summary>
/// The keys that open the API: those configured under <c>Auth:ApiKeys</c>, or, when none are, the admin key generated
/// on first run. Keys are kept only as SHA-256 hashes and compared in fixed time.
/// </summary>
internal sealed class ApiKeyRing(IOptions<AuthOptions> options, FirstRunAdminKey firstRunKey)
{
    private readonly Lazy<IReadOnlyList<(byte[] Hash, ApiKeyEntry Entry)>> _keys = new(() =>
    {
        var configured = options.Value.ApiKeys;
        var entries = configured.Count > 0 ? configured : [firstRunKey.Entry];
        return [.. entries.Select(e => (Hash(e.Key), e))];
    });

    public bool UsesGeneratedKey => options.Value.ApiKeys.Count == 0;

    public ApiKeyEntry? Find(string presentedKey)
    {
        var presented = Hash(presentedKey);
        ApiKeyEntry? match = null;
        foreach (var (hash, entry) in _keys.Value)
        {
            // No early exit: the time taken does not tell which key came close.
            if (CryptographicOperations.FixedTimeEquals(hash, presented))
            {
                match = entry;
            }
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
