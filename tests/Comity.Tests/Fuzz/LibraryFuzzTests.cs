using System.Text.Json;
using Comity.Contract;
using Comity.Tests.Fuzz.Support;

namespace Comity.Tests.Fuzz;

/// <summary>
/// The library door: <see cref="RequestReader"/> then the engine. Whatever the bytes, the reader
/// answers with a request or with errors that each name a JSON path (it never throws), and a
/// request it accepts is decided into an answer that is JSON.
/// </summary>
public sealed class LibraryFuzzTests
{
    [Fact]
    public void Mutated_requests_are_read_into_a_request_or_errors_naming_paths_and_every_request_read_is_decided()
    {
        Fuzzing.Run(RequestMutants.Requests, bytes =>
        {
            var read = RequestReader.Read(bytes);
            if (!read.Ok)
            {
                Assert.NotEmpty(read.Errors);
                Assert.All(read.Errors, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
                Assert.All(read.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                return;
            }
            var engine = Fuzzing.Stacks.Find(read.Request!, out var error);
            if (engine is null)
            {
                Assert.StartsWith("$", error!.Path, StringComparison.Ordinal);
                return;
            }
            using var answer = JsonDocument.Parse(AnswerWriter.ToJson(engine.Decide(read.Request!)));
            Assert.True(answer.RootElement.TryGetProperty("outcome", out _));
        });
    }
}
