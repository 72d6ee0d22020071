using System.Security.Cryptography;
using System.Text;

namespace Comity.Disclosure;

/// <summary>
/// Who a <c>disclose</c> request is about, in the record system's own terms: a value for each of
/// the catalog's subject fields (<see cref="DataCatalog.Subject"/>). The contract's request
/// describes the person's history, not the person's identity, so the identity travels beside it.
/// A row is the person's when every subject field holds exactly the given value (no trimming, no
/// case folding: an identifier that does not match exactly is a different person).
/// </summary>
public sealed record SubjectKey(IReadOnlyList<KeyValuePair<string, string>> Values)
{
    /// <summary>Parses <c>FIELD=VALUE</c> (the value may itself hold '=').</summary>
    public static bool TryParsePair(string text, out KeyValuePair<string, string> pair)
    {
        var eq = text.IndexOf('=');
        pair = eq > 0 ? new(text[..eq], text[(eq + 1)..]) : default;
        return eq > 0;
    }

    /// <summary>
    /// SHA-256 over the field names and values (each as UTF-8, separated by NUL), so that a
    /// manifest can show which person a disclosure was about without holding the identifier.
    /// </summary>
    public string Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (field, value) in Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(field));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(value));
            hash.AppendData([0]);
        }
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
