using System.Buffers;
using System.Text;
using System.Text.Json;
using Comity.Cases;
using Comity.Contract;
using Comity.Engine;
using Comity.Ledger;
using Comity.Recording.Entries;

namespace Comity.Recording;

/// <summary>
/// The flow of one request (architecture.md), the same from every door (the HTTP API, the web
/// app, <c>comity decide --record</c> and <c>--batch --record</c>): validate against the
/// contract, decide with the stack in force, record in the ledger (durable and signed before
/// anything is answered), keep the case, answer. The doors only parse and present.
/// </summary>
public sealed class Recorder(StackCatalog catalog, TransparencyLog ledger, CaseStore cases, TimeProvider time)
{
    private readonly StackVersions stacks = new(ledger, time);

    /// <summary>Decides and records a request (UTF-8 JSON, a leading byte-order mark ignored) on behalf of <paramref name="recordedBy"/>.</summary>
    public async Task<Recorded<RecordedDecision>> DecideAsync(ReadOnlyMemory<byte> requestJson, string recordedBy)
    {
        var started = time.GetTimestamp();
        // The reader alone takes off the one byte-order mark a request may start with: a second is
        // content, and breaks the contract (taken off here first, it would have passed).
        var decided = RequestDecider.Decide(catalog, requestJson.Span);
        if (decided.Error is { } error)
            return error;
        var (request, answer) = decided.Value!;
        await RecordStackAsync(answer, recordedBy).ConfigureAwait(false);
        var recorded = await RecordAsync(ByteOrderMark.Strip(requestJson).Span, request, answer, Compact(answer), recordedBy).ConfigureAwait(false);
        Operations.ComityMetrics.Recorded(answer.Outcome, time.GetElapsedTime(started));
        return recorded;
    }

    /// <summary>
    /// Records a decision already made from <paramref name="requestJson"/> (the batch door decides
    /// as it streams): <paramref name="answerJson"/> is the answer as written, compact, without a
    /// receipt. Both spans are copied before this returns.
    /// </summary>
    public Task<RecordedDecision> RecordAsync(ReadOnlySpan<byte> requestJson, DecisionRequest request, DecisionAnswer answer, ReadOnlySpan<byte> answerJson, string recordedBy)
    {
        // The law that decided goes into the ledger before the first decision that points at it.
        // Only the first decision under a stack version waits for that (the batch door's thread
        // here; the other doors await it beforehand), so decisions keep their order in the ledger.
        var stackEntry = RecordStackAsync(answer, recordedBy).GetAwaiter().GetResult();
        // Contract 1.1's subject.identity (who the case is about) never goes into the ledger in
        // clear: the case database keeps it (before the entry is written, so that a crash between
        // the two loses nothing), and the entry holds the request without it and its salted commitment.
        var identity = Seal(request);
        var body = identity is null
            ? DecisionEntry.Write(requestJson, answerJson, answer.Policy.Digest, stackEntry, recordedBy, out var answerAt)
            : DecisionEntry.Write(Encoding.UTF8.GetBytes(RequestWriter.ToJsonWithoutIdentity(request)), answerJson, answer.Policy.Digest, stackEntry, recordedBy, out answerAt, identity.Commitment);
        return KeepAsync(body, answerAt, request, answer, recordedBy, identity?.Commitment);
    }

    /// <summary>The <c>stack</c> entry of the law that decided <paramref name="answer"/>, recorded the first time (see <see cref="StackVersions"/>).</summary>
    private Task<long> RecordStackAsync(DecisionAnswer answer, string recordedBy) =>
        stacks.RecordAsync(catalog.Loaded(answer.Policy.Digest)
            ?? throw new InvalidOperationException($"the stack that decided ({answer.Policy.Digest}) is not loaded, so its law cannot be recorded"), recordedBy);

    /// <summary>Seals and keeps the request's identity, if it names the person.</summary>
    internal CaseIdentity? Seal(DecisionRequest request)
    {
        if (request.Subject.Identity is not { } given)
            return null;
        var identity = CaseIdentity.Seal(given);
        cases.KeepIdentity(identity);
        return identity;
    }

    private async Task<RecordedDecision> KeepAsync(byte[] body, Range answerAt, DecisionRequest request, DecisionAnswer answer, string recordedBy, string? identity)
    {
        var at = time.GetUtcNow();
        // Not cancellable: once the ledger has it, the case is kept whether or not the caller still listens.
        var receipt = await ledger.AppendAsync(new LedgerEntry(DecisionEntry.Kind, body, at)).ConfigureAwait(false);
        var receiptJson = ReceiptJson.Of(receipt);
        var duties = CaseDuties.Plan(answer.Obligations, request, CaseDuties.StackOf(catalog, request));
        var id = await cases.AddAsync(new NewCase(request, answer.Outcome, answer.Policy.Stack, answer.Obligations,
            body, receiptJson, recordedBy, at, receipt.Index, identity, duties, CaseDuties.ReferredItems(answer))).ConfigureAwait(false);
        return new RecordedDecision(id, answer, receipt, body.AsMemory(answerAt), receiptJson);
    }

    /// <summary>
    /// Decides a request exactly as <see cref="DecideAsync"/> does and records nothing: no ledger
    /// entry, no case, no receipt (for what-if questions and training). Returns the answer's JSON.
    /// </summary>
    public Recorded<ReadOnlyMemory<byte>> Evaluate(ReadOnlyMemory<byte> requestJson)
    {
        var decided = RequestDecider.Decide(catalog, requestJson.Span);
        return decided.Error is { } error ? error : (ReadOnlyMemory<byte>)Compact(decided.Value!.Answer);
    }

    internal static byte[] Compact(DecisionAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var w = new Utf8JsonWriter(buffer, AnswerWriter.Compact))
            AnswerWriter.Write(w, answer);
        return buffer.WrittenSpan.ToArray();
    }
}
