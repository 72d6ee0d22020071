using System.Runtime.InteropServices;

namespace Comity.Ledger.Internal;

/// <summary>
/// SHA-256 for the ledger's many small inputs. <see cref="System.Security.Cryptography.SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// goes through OpenSSL 3's EVP layer, which looks the algorithm up, allocates a context and
/// clears the error queue on every call: about 1.5 µs for a 33-byte leaf hash whose compression
/// takes well under 0.1 µs. A ledger hashes three times per entry (commitment, leaf, node), so on
/// Linux this calls OpenSSL's own SHA-256 functions (the same libcrypto .NET uses) with a context
/// on the stack. Where that library is not there (Windows, macOS, OpenSSL 1.1), or for large
/// inputs, it uses .NET's. Both compute the same standard function; a test compares them.
/// </summary>
internal static unsafe class Sha256
{
    /// <summary>Above this, a call's overhead no longer matters and the hash runs without holding off the GC.</summary>
    private const int NativeLimit = 64 * 1024;

    /// <summary>OpenSSL's SHA256_CTX is 112 bytes; room to spare.</summary>
    private const int ContextBytes = 256;

    /// <summary>True when OpenSSL's SHA-256 functions answered the probe correctly.</summary>
    internal static readonly bool Native = Probe();

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination) => Joined([], data, destination);

    /// <summary>SHA-256(prefix || data): the RFC 6962 leaf and node hashes, with no copy of the data.</summary>
    public static void Hash(byte prefix, ReadOnlySpan<byte> data, Span<byte> destination) => Joined([prefix], data, destination);

    private static void Joined(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (!Native || data.Length > NativeLimit)
        {
            using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            sha.AppendData(prefix);
            sha.AppendData(data);
            sha.GetHashAndReset(destination);
            return;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Merkle.HashSize);
        var context = stackalloc byte[ContextBytes];
        fixed (byte* head = prefix)
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            SHA256_Init(context);
            if (prefix.Length > 0)
                SHA256_Update(context, head, (nuint)prefix.Length);
            SHA256_Update(context, input, (nuint)data.Length);
            SHA256_Final(output, context);
        }
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            var context = stackalloc byte[ContextBytes];
            var digest = stackalloc byte[Merkle.HashSize];
            var abc = "abc"u8;
            fixed (byte* input = abc)
            {
                if (SHA256_Init(context) != 1 || SHA256_Update(context, input, (nuint)abc.Length) != 1 || SHA256_Final(digest, context) != 1)
                    return false;
            }
            return new ReadOnlySpan<byte>(digest, Merkle.HashSize).SequenceEqual(System.Security.Cryptography.SHA256.HashData(abc));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    // Each call is a few dozen nanoseconds of work on memory the caller has pinned: no GC transition.
    [DllImport("libcrypto.so.3"), SuppressGCTransition]
    private static extern int SHA256_Init(byte* context);

    [DllImport("libcrypto.so.3"), SuppressGCTransition]
    private static extern int SHA256_Update(byte* context, byte* data, nuint length);

    [DllImport("libcrypto.so.3"), SuppressGCTransition]
    private static extern int SHA256_Final(byte* digest, byte* context);
}
