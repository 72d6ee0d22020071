using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Comity.Contract;

/// <summary>A vocabulary's names without its enum type: what published schemas list as an enumeration.</summary>
public interface IVocabulary
{
    string What { get; }

    IReadOnlyList<string> Names { get; }
}

/// <summary>
/// The kebab-case names of one enumeration of the contract, in the enum's declaration order.
/// Names are written out, not derived from the C# identifiers, so that the contract's spelling
/// (<c>i-247a</c>, <c>agreement-287g</c>) is visible and reviewable in one place.
/// </summary>
public sealed class Vocabulary<T> : IVocabulary where T : struct, Enum
{
    private readonly string[] _names;
    private readonly byte[][] _utf8;
    private readonly JsonEncodedText[] _json;

    public Vocabulary(string what, params string[] names)
    {
        // The non-generic GetValues and plain loops: every vocabulary is built at start-up, and the
        // framework's generics over our enums or over JsonEncodedText are not precompiled.
        var values = Enum.GetValues(typeof(T)).Length;
        if (names.Length != values)
            throw new InvalidOperationException($"vocabulary {what} lists {names.Length} names for {values} values");
        What = what;
        _names = names;
        _utf8 = new byte[names.Length][];
        _json = new JsonEncodedText[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            _utf8[i] = Encoding.UTF8.GetBytes(names[i]);
            _json[i] = JsonEncodedText.Encode(names[i], JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        }
        Expected = "one of " + string.Join(", ", names);
    }

    /// <summary>What the values name, in the user's words ("act", "data item").</summary>
    public string What { get; }

    public IReadOnlyList<string> Names => _names;

    public int Count => _names.Length;

    public string Name(T value) => _names[Unsafe.As<T, int>(ref value)];

    /// <summary>The name as JSON text, encoded once, for writers to copy rather than escape and transcode.</summary>
    public JsonEncodedText Json(T value) => _json[Unsafe.As<T, int>(ref value)];

    public static int Index(T value) => Unsafe.As<T, int>(ref value);

    public static T FromIndex(int index) => Unsafe.As<int, T>(ref index);

    /// <summary>The UTF-8 bytes of the value at <paramref name="index"/>, for comparing with JSON text as it stands.</summary>
    internal byte[] Utf8(int index) => _utf8[index];

    public bool TryParse(ReadOnlySpan<byte> utf8, out T value)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (utf8.SequenceEqual(_utf8[i]))
            {
                value = FromIndex(i);
                return true;
            }
        }
        value = default;
        return false;
    }

    public bool TryParse(string text, out T value)
    {
        var i = Array.IndexOf(_names, text);
        value = i < 0 ? default : FromIndex(i);
        return i >= 0;
    }

    /// <summary>"one of a, b, c": the phrase every error about this vocabulary ends with.</summary>
    public string Expected { get; }
}
