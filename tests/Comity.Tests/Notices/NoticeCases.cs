using Comity.Contract;
using Comity.Engine;
using Comity.Notices;
using Comity.Tests.Support;

namespace Comity.Tests.Notices;

/// <summary>
/// A person in each language the TRUTH Act names, with a request decided by the Los Angeles stack,
/// as the notice tests fill them: the facts each printed notice must hold.
/// </summary>
internal static class NoticeCases
{
    public static readonly string[] Languages = ["en", "es", "zh", "tl", "vi", "ko"];

    public static string PersonIn(string language) => language switch
    {
        "es" => "María José Hernández",
        "zh" => "王小明",
        "tl" => "Juan dela Cruz",
        "vi" => "Nguyễn Văn Ánh",
        "ko" => "김민준",
        _ => "John Q. Doe",
    };

    public static NoticeLibrary Library() => NoticeLibrary.Open(RepoRoot.Combine("stacks"), "us/ca/los-angeles", null);

    /// <summary>
    /// The facts of a request decided by the real stack: a release notification (act notify-release,
    /// so every TRUTH Act notice applies) about a person speaking <paramref name="language"/>.
    /// </summary>
    public static NoticeFacts Facts(string language, string requestJson = DetainerJson, Outcome? outcomeInForce = null)
    {
        var read = RequestReader.Read(requestJson);
        Assert.True(read.Ok, string.Join("; ", read.Errors));
        var request = read.Request!;
        var engine = StackCatalog.ForRoot(RepoRoot.Combine("stacks")).Find(request, out var error);
        Assert.Null(error);
        var answer = engine!.Decide(request);
        using var doc = System.Text.Json.JsonDocument.Parse(AnswerWriter.ToJson(answer));
        var person = new SubjectIdentity
        {
            Name = PersonIn(language),
            BookingNumber = "BK-2025-0042",
            Language = language,
            Attorney = new Attorney { Name = "Ana Ruiz", Contact = "+1 213 555 0100" },
        };
        return NoticeFacts.From(17, 4, request, doc.RootElement.Clone(), "sha256:0f", outcomeInForce ?? answer.Outcome, outcomeInForce is not null, person, "LAPD Jail Division");
    }

    public const string DetainerJson = """
        {
          "id": "LAPD-2025-000310",
          "receivedAt": "2025-06-02T06:00:00-07:00",
          "jurisdiction": "us/ca/los-angeles",
          "actor": { "unit": "lapd-jail-division", "kind": "jail" },
          "requester": { "agency": "ice-ero" },
          "act": "hold",
          "purpose": "civil-immigration",
          "document": { "type": "i-247a", "administrativeWarrantAttached": true, "servedOnSubject": true },
          "subject": { "inCustody": true, "custody": { "eligibleForReleaseAt": "2025-06-02T15:00:00-07:00" } }
        }
        """;
}
