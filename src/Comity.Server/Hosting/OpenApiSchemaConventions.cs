using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Comity.Server.Hosting;

/// <summary>Schema-level conventions of the OpenAPI document (see <see cref="ContractShapes"/>).</summary>
internal static class OpenApiSchemaConventions
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancel)
    {
        IntegersAreIntegers(schema);
        if (context.JsonPropertyInfo is null && context.ParameterDescription is null)
            ReferenceShapes(schema, context);
        var attributes = context.JsonPropertyInfo?.AttributeProvider
            ?? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
        if (attributes is not null && Attribute<OneOfAttribute>(attributes) is { } oneOf)
            ListNames(schema, oneOf.Vocabulary);
        return Task.CompletedTask;
    }

    /// <summary>Names the contract component a placeholder property schema stands for, until <see cref="OpenApiDocumentConventions"/> puts a reference in its place.</summary>
    public const string ShapeExtension = "x-comity-shape";

    /// <summary>
    /// A type's properties marked <see cref="DocumentedAsAttribute"/> become placeholders that the
    /// document's conventions replace with references to the contract's component. (Done on the
    /// type's schema: a property's own schema is the shared one of its C# type, JsonNode or
    /// JsonElement; and a reference cannot be put here, before the component exists.)
    /// </summary>
    private static void ReferenceShapes(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (schema.Properties is null)
            return;
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AttributeProvider is { } provider && Attribute<DocumentedAsAttribute>(provider) is { } shape
                && ContractShapes.ComponentOf(shape.Shape) is { } component && schema.Properties.ContainsKey(property.Name))
                schema.Properties[property.Name] = new OpenApiSchema
                {
                    Extensions = new Dictionary<string, IOpenApiExtension> { [ShapeExtension] = new JsonNodeExtension(JsonValue.Create(component)) },
                };
        }
    }

    /// <summary>
    /// The server's JSON options read numbers from strings too, so the framework types every long
    /// and int as <c>integer | string</c> with a digits pattern; generators make that an untyped
    /// union. The API answers with numbers and its clients send numbers: say integer (or number).
    /// </summary>
    public static void IntegersAreIntegers(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || (type & JsonSchemaType.String) == 0 || (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) == 0)
            return;
        schema.Type = type & ~JsonSchemaType.String;
        schema.Pattern = null;
    }

    /// <summary>The vocabulary's names as the schema's enum (or its items', for an array).</summary>
    public static void ListNames(OpenApiSchema schema, Contract.IVocabulary vocabulary)
    {
        var target = schema.Type is { } t && (t & JsonSchemaType.Array) != 0 && schema.Items is OpenApiSchema items ? items : schema;
        target.Enum = [.. vocabulary.Names.Select(n => (JsonNode)JsonValue.Create(n))];
        target.Description ??= ("aeiou".Contains(vocabulary.What[0], StringComparison.Ordinal) ? "an " : "a ") + vocabulary.What;
    }

    private static T? Attribute<T>(ICustomAttributeProvider provider) where T : Attribute =>
        provider.GetCustomAttributes(typeof(T), inherit: false).OfType<T>().FirstOrDefault();
}
