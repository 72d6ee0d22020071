using Comity.Contract;

namespace Comity.Server.Hosting;

// Conventions an endpoint uses to describe itself in the OpenAPI document (OpenApiDocument.cs
// applies them to every endpoint under /api/v1, whoever wrote it):
//  - a body or an answer in the decision contract: .Accepts<ContractShapes.DecisionRequest>("application/json"),
//    .Produces<ContractShapes.RecordedDecisionAnswer>(201) and the like;
//  - a JSON property that holds one of them: [property: DocumentedAs(typeof(ContractShapes.DecisionAnswer))];
//  - a string that takes a vocabulary's names: [property: OneOf(typeof(Vocabularies), nameof(Vocabularies.Outcomes))],
//    on a record's property or on a handler's query parameter (its items, for a list);
//  - sign-in: every endpoint needs a bearer token unless it allows anonymous access;
//  - errors: every 4xx and 5xx answer is problem+json (RFC 9457), whatever the endpoint declared.

/// <summary>
/// Stand-ins for the decision contract in endpoint metadata: the document shows each as a component
/// whose schema is the contract's own (<see cref="ContractSchema"/>, what <c>comity schema</c> prints),
/// never a schema derived from a C# type.
/// </summary>
public static class ContractShapes
{
    /// <summary>A decision request (contract v1 with the 1.1 additions).</summary>
    public sealed class DecisionRequest;

    /// <summary>An answer that was not recorded (an evaluation): no receipt.</summary>
    public sealed class DecisionAnswer;

    /// <summary>An answer recorded in the ledger, with its receipt.</summary>
    public sealed class RecordedDecisionAnswer;

    /// <summary>The receipt of a ledger entry.</summary>
    public sealed class Receipt;

    /// <summary>The component name of each stand-in.</summary>
    public static string? ComponentOf(Type type) =>
        type == typeof(DecisionRequest) ? nameof(DecisionRequest)
        : type == typeof(DecisionAnswer) ? nameof(DecisionAnswer)
        : type == typeof(RecordedDecisionAnswer) ? nameof(RecordedDecisionAnswer)
        : type == typeof(Receipt) ? nameof(Receipt)
        : null;
}

/// <summary>In the OpenAPI document, this JSON property has the shape of a <see cref="ContractShapes"/> stand-in.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DocumentedAsAttribute(Type shape) : Attribute
{
    public Type Shape { get; } = shape;
}

/// <summary>
/// In the OpenAPI document, this string (or each string of this list) is one of a vocabulary's
/// names: <paramref name="holder"/> is the static class and <paramref name="field"/> the name of
/// its <see cref="Vocabulary{T}"/> field, so the document lists exactly what the server accepts.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(Type holder, string field) : Attribute
{
    public IVocabulary Vocabulary { get; } =
        holder.GetField(field)?.GetValue(null) as IVocabulary
        ?? throw new ArgumentException($"{holder.Name}.{field} is not a vocabulary", nameof(field));
}
