using System.Text.Json;
using Comity.Contract;
using Comity.Engine;
using Comity.Law;

namespace Comity.Anchors.Engines;

/// <summary>
/// Comity itself: the strict contract reader, the engine (the full answer: layers, reasons with
/// citations, exceptions, overrides, obligations, flags, digest) and the contract writer.
/// must-comply and permit are "permit"; deny and refer-to-counsel are "deny". With
/// <paramref name="verdictOnly"/> the answer is still decided in full but written as the anchors
/// write theirs, <c>{"id", "decision"}</c>: what serialising the explanation costs.
/// </summary>
public sealed class ComityEngine(string stackDirectory, bool verdictOnly = false) : IAnchorEngine<DecisionRequest, DecisionAnswer>
{
    private readonly DecisionEngine _engine = DecisionEngine.Compile(StackLoader.Load(stackDirectory));

    public string Name => verdictOnly ? "Comity, answer written as id and decision only" : "Comity";
    public string Version => typeof(DecisionEngine).Assembly.GetName().Version?.ToString(3) ?? "";

    public DecisionRequest Read(ReadOnlySpan<byte> line)
    {
        var result = RequestReader.Read(line);
        return result.Request ?? throw new InvalidDataException(string.Join("; ", result.Errors.Select(e => e.ToString())));
    }

    public DecisionAnswer Decide(DecisionRequest input) => _engine.Decide(input);

    public string Verdict(DecisionAnswer output) =>
        (output.Outcome is Outcome.MustComply or Outcome.Permit ? "permit " : "deny ") + Vocabularies.Outcomes.Name(output.Outcome);

    public void Write(Utf8JsonWriter writer, DecisionRequest input, DecisionAnswer output)
    {
        if (!verdictOnly)
        {
            AnswerWriter.Write(writer, output);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("id", input.Id);
        writer.WriteString("decision", output.Outcome is Outcome.MustComply or Outcome.Permit ? "permit" : "deny");
        writer.WriteEndObject();
    }
}
