using System.Security.Cryptography;
using System.Text;

namespace Comity.Webhooks;

/// <summary>
/// Signatures as the Standard Webhooks specification defines them: the secret is <c>whsec_</c> then
/// base64 of random bytes; a message is signed over <c>ID.TIMESTAMP.BODY</c> (the webhook-id, the
/// webhook-timestamp in Unix seconds, the exact body bytes) with HMAC-SHA256, and the
/// webhook-signature header is <c>v1,</c> then base64 of the MAC. Any Standard Webhooks library
/// verifies it (the tests use one).
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>The specification asks for 24 to 64 random bytes.</summary>
    private const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    /// <summary>The key a secret stands for (the bytes after <c>whsec_</c>).</summary>
    public static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    /// <summary>The webhook-signature header's value for a message.</summary>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed));
    }
}
