using System.Security.Cryptography;
using System.Text;
using Comity.Contract;

namespace Comity.Reports;

/// <summary>
/// The person key of C1: HMAC-SHA-256, under a key only the reports hold, of the CII number, else
/// the FBI number, else the A-number, else the booking number, else the normalised name and date of
/// birth. The key lives in the data folder (<c>reports.key</c>, owner-only), so the keys of two
/// deployments never match and a key cannot be worked back from a guessed identity without it.
/// </summary>
public sealed class PersonKeys(byte[] key)
{
    public const string FileName = "reports.key";

    /// <summary>The key of the data folder, created on first use.</summary>
    public static PersonKeys ForDataFolder(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        if (!File.Exists(path))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            using (var f = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                f.Write(fresh);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var key = File.ReadAllBytes(path);
        if (key.Length != 32)
            throw new ReportException($"{path}: the reports' person key is 32 bytes; this file holds {key.Length}");
        return new PersonKeys(key);
    }

    /// <summary>The person's key, or null when the identity names no one (the request counts as one more person).</summary>
    public ulong? Of(SubjectIdentity? identity)
    {
        if (identity is null)
            return null;
        string? basis =
            Clean(identity.CiiNumber) is { } cii ? "cii:" + cii
            : Clean(identity.FbiNumber) is { } fbi ? "fbi:" + fbi
            : Clean(identity.ANumber) is { } a ? "a:" + a.TrimStart('A')
            : Clean(identity.BookingNumber) is { } booking ? "booking:" + booking
            : Clean(identity.Name) is { } name && identity.DateOfBirth is { } dob ? $"name:{Name(identity.Name!)}|{dob:yyyy-MM-dd}"
            : null;
        if (basis is null)
            return null;
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(basis));
        var value = BitConverter.ToUInt64(mac, 0);
        return value == 0 ? 1 : value;
    }

    /// <summary>An HMAC-SHA-256 under the same key: it seals the kept projection (<see cref="KeptProjection"/>), whose person keys are only as good as this key.</summary>
    internal IncrementalHash Seal() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

    private static string? Clean(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
            return null;
        var b = new StringBuilder();
        foreach (var c in s)
            if (char.IsLetterOrDigit(c))
                b.Append(char.ToUpperInvariant(c));
        return b.Length == 0 ? null : b.ToString();
    }

    /// <summary>Case, accents, punctuation and word order of a name do not matter ("García, José" is "Jose Garcia").</summary>
    private static string Name(string name)
    {
        var plain = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
                plain.Append(char.IsLetter(c) ? char.ToUpperInvariant(c) : ' ');
        return string.Join(' ', plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }
}
