using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Comity.Server.Web;

/// <summary>
/// The Content-Security-Policy of a notice's print page: the page carries its own stylesheet (it
/// is saved and printed on its own), which the web app's policy refuses as inline; this policy
/// allows exactly that stylesheet, by its hash, and nothing else (no script, no other origin).
/// </summary>
public static partial class PrintPagePolicy
{
    public static string For(string html)
    {
        var hashes = StyleBlock().Matches(html)
            .Select(m => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))}'");
        return $"default-src 'none'; style-src {string.Join(' ', hashes.DefaultIfEmpty("'none'"))}; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'";
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
