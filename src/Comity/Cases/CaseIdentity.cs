using System.Security.Cryptography;
using System.Text;
using Comity.Cases.Internal;
using Comity.Contract;

namespace Comity.Cases;

/// <summary>
/// <c>subject.identity</c> as a case keeps it: the identity, the exact bytes committed (its RFC 8785
/// canonical JSON), a random salt, and the commitment that the ledger entry holds in its place:
/// <c>sha256:HEX</c> of salt || JSON. Only the case database holds the identity; the ledger holds
/// the commitment, which cannot be confirmed by guessing a name without the salt.
/// </summary>
public sealed record CaseIdentity(SubjectIdentity Identity, byte[] Json, byte[] Salt, string Commitment)
{
    public const int SaltLength = 32;

    /// <summary>Seals a newly received identity with a fresh salt.</summary>
    public static CaseIdentity Seal(SubjectIdentity identity)
    {
        var json = IdentityJson.Write(identity);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        return new CaseIdentity(identity, json, salt, Commit(salt, json));
    }

    /// <summary>The commitment of <paramref name="json"/> under <paramref name="salt"/>.</summary>
    public static string Commit(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> json)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(json);
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether the kept bytes and salt still hash to the commitment (an edited row does not).</summary>
    public bool Holds => Commit(Salt, Json) == Commitment;

    /// <summary>The identity's JSON as kept, for a page or the API to show.</summary>
    public string JsonText => Encoding.UTF8.GetString(Json);

    /// <summary>
    /// Lower-case words the case list searches: the name, the date of birth and every number,
    /// each number also without its punctuation (<c>A-123-456-789</c> is found as <c>a123456789</c>
    /// and <c>123456789</c>).
    /// </summary>
    public string SearchText
    {
        get
        {
            var i = Identity;
            var words = new List<string>();
            void Add(string? text, bool number)
            {
                if (string.IsNullOrWhiteSpace(text))
                    return;
                var lower = text.Trim().ToLowerInvariant();
                words.Add(lower);
                if (!number)
                    return;
                var compact = SearchWords.Compact(lower);
                if (compact.Length > 0 && compact != lower)
                    words.Add(compact);
                var digits = new string([.. compact.Where(char.IsAsciiDigit)]);
                if (digits.Length > 0 && digits != compact)
                    words.Add(digits);
            }
            Add(i.Name, false);
            Add(i.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), false);
            Add(i.BookingNumber, true);
            Add(i.ANumber, true);
            Add(i.CiiNumber, true);
            Add(i.FbiNumber, true);
            return string.Join(' ', words);
        }
    }

    /// <summary>Reads a kept identity back; <see cref="Holds"/> says whether it is intact.</summary>
    /// <exception cref="FormatException">when the JSON is not an identity's.</exception>
    public static CaseIdentity Read(string json, byte[] salt, string commitment)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return new CaseIdentity(IdentityJson.Read(bytes), bytes, salt, commitment);
    }
}
