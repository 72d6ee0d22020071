using System.Text;
using Comity.Ledger;

namespace Comity.Tests.Ledger;

/// <summary>The published formats, checked against the examples in their own specifications.</summary>
public sealed class FormatTests
{
    // c2sp.org/signed-note, "Verifier keys" example.
    private const string SpecKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    private const string SpecNote = "This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    [Fact]
    public void The_signed_note_specification_example_verifies_and_its_key_id_is_recomputed()
    {
        var key = NoteVerifier.Parse(SpecKey);
        Assert.Equal("example.com/foo", key.Name);
        Assert.Equal(0x530d903au, key.KeyId);
        Assert.Equal(SpecKey, key.Encoded);
        Assert.Equal("This is an example message.\n", SignedNote.Open(SpecNote, key));
    }

    [Fact]
    public void A_note_altered_or_signed_by_another_key_is_refused()
    {
        var key = NoteVerifier.Parse(SpecKey);
        Assert.Throws<LedgerException>(() => SignedNote.Open(SpecNote.Replace("example message", "example massage", StringComparison.Ordinal), key));
        var other = NoteVerifier.FromPublicKey("example.com/foo", new byte[32].Select((_, i) => (byte)i).ToArray());
        Assert.Throws<LedgerException>(() => SignedNote.Open(SpecNote, other));
        Assert.Throws<FormatException>(() => SignedNote.Open("no blank line\n\u2014 example.com/foo AAAA\n", key));
    }

    [Theory]
    [InlineData("example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", "does not match the key")]
    [InlineData("example.com/foo+530d903a", "three parts")]
    [InlineData("exa mple+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", "without spaces")]
    [InlineData("example.com/foo+530d903a+AmkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k", "not an Ed25519 key")]
    public void A_malformed_verifier_key_is_refused_with_the_reason(string vkey, string reason)
    {
        var error = Assert.Throws<FormatException>(() => NoteVerifier.Parse(vkey));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    // RFC 8785 §3.2.2.3 and Appendix B: numbers as ECMAScript prints them.
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(100.0, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(4.5e-7, "4.5e-7")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    [InlineData(1e30, "1e+30")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(295147905179352830000.0, "295147905179352830000")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void Numbers_are_written_as_ECMAScript_writes_them(double value, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Fact]
    public void The_RFC_8785_example_object_canonicalizes_to_the_published_bytes()
    {
        // RFC 8785 §3.2.2 sorting example and §3.2.3 output.
        var input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        var expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void Properties_sort_by_UTF16_code_units()
    {
        // RFC 8785 §3.2.3's sorting example: by UTF-16 code units, so the emoji (a surrogate pair, 0xD83D...) sorts before U+FB33.
        var input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        var output = Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(input)));
        var values = System.Text.Json.JsonDocument.Parse(output).RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToList();
        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"], values);
    }

    [Fact]
    public void A_tlog_proof_round_trips_and_names_the_line_that_is_wrong()
    {
        var checkpoint = "example.com/log\n2\n" + Convert.ToBase64String(new byte[32]) + "\n\n\u2014 example.com/log AAAAAAAA\n";
        var proof = new TlogProof(1, [new byte[32], Enumerable.Repeat((byte)7, 32).ToArray()], checkpoint, [1, 2, 3]);
        var text = proof.Format();
        Assert.StartsWith("c2sp.org/tlog-proof@v1\nextra AQID\nindex 1\n", text);
        var parsed = TlogProof.Parse(text);
        Assert.Equal(1, parsed.Index);
        Assert.Equal(proof.AuditPath, parsed.AuditPath);
        Assert.Equal(checkpoint, parsed.Checkpoint);
        Assert.Equal([1, 2, 3], parsed.Extra!);

        Assert.Contains("line 2", Assert.Throws<FormatException>(() => TlogProof.Parse("c2sp.org/tlog-proof@v1\nindex 01\n\n" + checkpoint)).Message);
        Assert.Contains("line 3", Assert.Throws<FormatException>(() => TlogProof.Parse("c2sp.org/tlog-proof@v1\nindex 1\nAAAA\n\n" + checkpoint)).Message);
        Assert.Contains("line 1", Assert.Throws<FormatException>(() => TlogProof.Parse("c2sp.org/tlog-proof@v2\nindex 1\n\n" + checkpoint)).Message);
    }
}
