using System.Reflection;
using System.Runtime.Loader;
using Comity.Cases;
using Comity.Ledger;
using Comity.Tests.Server.Support;
using Comity.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Comity.Tests.Server;

/// <summary>
/// A new integrator's path: generate a C# client from the served OpenAPI document with NSwag (the
/// generator's defaults, Newtonsoft.Json, as an integrator would take them), compile it with
/// Roslyn, and drive the running server through it: decide, list cases, refer, review, download
/// the receipt and check it against the ledger.
/// </summary>
public sealed class GeneratedClientTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The client's code, as NSwag generates it from /openapi/v1.json.</summary>
    private async Task<string> GenerateAsync()
    {
        var json = await server.Api(null).GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "ComityClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated.Comity";
        // Absent is not false in the contract (an unknown fact stays unknown): optional properties
        // must stay absent when not set, which a non-nullable bool cannot.
        settings.CSharpGeneratorSettings.GenerateOptionalPropertiesAsNullable = true;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        if (Environment.GetEnvironmentVariable("COMITY_GENERATED_CLIENT") is { Length: > 0 } keep)
            await File.WriteAllTextAsync(keep, code); // to read what the generator made of the document
        return code;
    }

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Generated.Comity", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        Assert.True(emitted.Success, "the generated client does not compile:\n" + string.Join("\n", errors.Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext("generated-comity-client", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>The generated client over the test server's HttpClient; its base URL is the document's server URL.</summary>
    private object NewClient(Type clientType, Role role)
    {
        var client = Activator.CreateInstance(clientType, server.Api(role))!;
        Assert.StartsWith("http://localhost", (string)clientType.GetProperty("BaseUrl")!.GetValue(client)!, StringComparison.Ordinal);
        return client;
    }

    [Fact]
    public async Task A_generated_client_decides_lists_refers_reviews_and_downloads_a_receipt_that_verifies()
    {
        var assembly = Compile(await GenerateAsync());
        var clientType = assembly.GetType("Generated.Comity.ComityClient")!;
        dynamic Client(Role role) => NewClient(clientType, role);
        object Model(string name, string json) => Newtonsoft.Json.JsonConvert.DeserializeObject(json, assembly.GetType("Generated.Comity." + name)!)!;

        // Decide: the request in the contract's own type, the answer typed with its receipt.
        var request = Model("DecisionRequest", File.ReadAllText(RepoRoot.Combine("examples/la/detainer-robbery.json")));
        var answer = await Client(Role.Intake).DecideAsync((dynamic)request);
        Assert.Equal("Deny", answer.Outcome.ToString());
        Assert.Equal("LAPD-2025-000200", (string)answer.Id);
        long index = answer.Receipt.Index;

        // List cases: the new case is there, its status an enum.
        // By parameter name: the list gains filters as the API grows, and a generator adds them in place.
        object lister = Client(Role.Auditor);
        var listCases = clientType.GetMethods().Single(m => m.Name == "ListCasesAsync" && m.GetParameters()[^1].ParameterType != typeof(CancellationToken));
        dynamic list = await (dynamic)listCases.Invoke(lister, [.. listCases.GetParameters().Select(p => p.Name == "unit" ? (object?)"lapd" : null)])!;
        dynamic? listed = null;
        foreach (var item in list.Items)
            if ((long)item.LedgerIndex == index)
                listed = item;
        Assert.NotNull(listed);
        Assert.Equal("Open", listed!.Status.ToString());
        long caseId = listed.Id;

        // Refer to counsel, then counsel overrides with a justification.
        var referred = await Client(Role.Intake).ReferToCounselAsync(caseId, (dynamic)Model("ReferralBody", """{"note":"the warrant is unclear"}"""));
        Assert.Equal("referral", (string)referred.Kind);
        var reviewed = await Client(Role.Counsel).ReviewAsync(caseId, (dynamic)Model("ReviewBody",
            """{"verdict":"confirm","justification":"California forbids the hold; no judicial warrant was attached."}"""));
        Assert.Equal("review", (string)reviewed.Kind);

        // Download the case with its receipt, and check the receipt against the ledger's key.
        // The read may carry a purpose and its note (reports.md P8); none is given here.
        var found = await Client(Role.Auditor).GetCaseAsync(caseId, null, null);
        Assert.Equal("Reviewed", found.Case.Status.ToString());
        var receipt = found.Answer.Receipt;
        Assert.Equal(index, (long)receipt.Index);
        var ledger = server.Services.GetRequiredService<TransparencyLog>();
        var leaf = Convert.FromBase64String((string)receipt.LeafHash);
        Assert.Equal(ledger.Read(index).LeafHash, leaf);
        var checkpoint = TlogProof.Parse((string)receipt.Proof).Verify(ledger.Verifier, leaf);
        Assert.Equal((string)receipt.Checkpoint, checkpoint.Note);
    }

    [Fact]
    public async Task A_generated_client_gets_a_typed_problem_naming_the_json_path_of_a_broken_request()
    {
        var assembly = Compile(await GenerateAsync());
        dynamic client = NewClient(assembly.GetType("Generated.Comity.ComityClient")!, Role.Intake);
        var request = Newtonsoft.Json.JsonConvert.DeserializeObject(
            """{"receivedAt":"2025-13-45","actor":{"unit":"lapd","kind":"law-enforcement"},"requester":{"agency":"ice-ero"},"act":"hold","purpose":"civil-immigration","document":{"type":"i-247a"}}""",
            assembly.GetType("Generated.Comity.DecisionRequest")!)!;
        var thrown = await Assert.ThrowsAnyAsync<Exception>(async () => await client.DecideAsync((dynamic)request));
        dynamic problem = thrown;
        Assert.Equal(400, (int)problem.StatusCode);
        Assert.Equal(400, (int)problem.Result.Status);
        string path = problem.Result.Errors[0].Path;
        Assert.Equal("$.receivedAt", path);
    }
}
