using System.Buffers;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Engine;

/// <summary>
/// Decides JSON Lines: one request per line in, one answer per line out, in order, streaming in
/// constant memory (one line at a time, however long the input). A line that breaks the contract
/// yields an error answer naming the line and the property, and the batch goes on; so does a blank
/// line, so that the n-th answer is always the answer to the n-th line. With a recorder, each
/// decided answer is recorded before it is written. Should deciding or recording fail outright
/// (the exception is rethrown), every answer already recorded is written first, in order: a caller
/// that retries from the first line without an answer records nothing twice.
/// </summary>
public sealed class BatchDecider(StackCatalog catalog, IBatchRecorder? recorder = null)
{
    public sealed record Summary(long Decided, long Rejected);

    public Summary Run(Stream input, Stream output)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var line = new ArrayBufferWriter<byte>(1 << 12);
        // Answers are gathered in memory and written in large blocks: flushing a writer bound to
        // the stream would flush the stream too, one system call per answer.
        var answers = new ArrayBufferWriter<byte>(1 << 17);
        using var writer = new Utf8JsonWriter(answers, AnswerWriter.Compact);
        long number = 0, decided = 0, rejected = 0;
        try
        {
            int read;
            var pending = false;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                while (true)
                {
                    var newline = span.IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        line.Write(span);
                        pending = true;
                        break;
                    }
                    ReadOnlySpan<byte> current;
                    if (pending)
                    {
                        line.Write(span[..newline]);
                        current = line.WrittenSpan;
                    }
                    else
                        current = span[..newline];
                    Answer(current, ++number, writer, answers, ref decided, ref rejected);
                    line.ResetWrittenCount();
                    pending = false;
                    span = span[(newline + 1)..];
                }
                // Before waiting for more input, hand over every answer so far: a caller feeding
                // one line at a time through a pipe gets each answer as soon as it is decided.
                Emit(answers, output);
            }
            if (pending && line.WrittenCount > 0)
                Answer(line.WrittenSpan, ++number, writer, answers, ref decided, ref rejected);
        }
        catch
        {
            Salvage(answers, output);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        Emit(answers, output);
        return new Summary(decided, rejected);
    }

    /// <summary>
    /// After a failure: writes the answers gathered so far, as far as they were recorded. Each
    /// line's answer ends with its '\n'; the failing line's may be half-written, and is left out.
    /// </summary>
    private void Salvage(ArrayBufferWriter<byte> answers, Stream output)
    {
        var complete = answers.WrittenSpan[..(answers.WrittenSpan.LastIndexOf((byte)'\n') + 1)];
        if (recorder is not null)
            recorder.Write(complete, output);
        else
            output.Write(complete);
        output.Flush();
    }

    private void Emit(ArrayBufferWriter<byte> answers, Stream output)
    {
        if (answers.WrittenCount > 0 && recorder is not null)
            recorder.Write(answers.WrittenSpan, output);
        else if (answers.WrittenCount > 0)
            output.Write(answers.WrittenSpan);
        answers.ResetWrittenCount();
        output.Flush();
    }

    private static readonly ContractError BlankLine = new("$", "the line is blank; expected a request, one JSON object per line");

    private void Answer(ReadOnlySpan<byte> text, long number, Utf8JsonWriter writer, ArrayBufferWriter<byte> answers, ref long decided, ref long rejected)
    {
        if (text.Length > 0 && text[^1] == '\r')
            text = text[..^1];
        IReadOnlyList<ContractError> errors = [BlankLine];
        DecisionEngine? engine = null;
        RequestReadResult? read = null;
        if (!text.Trim(" \t"u8).IsEmpty)
        {
            read = GuardedRequestReader.Read(text);
            ContractError? error = null;
            engine = read.Request is { } r ? catalog.Find(r, out error) : null;
            errors = error is null ? read.Errors : [error];
        }
        if (engine is not null)
        {
            var start = answers.WrittenCount;
            var answer = engine.Decide(read!.Request!);
            AnswerWriter.Write(writer, answer);
            decided++;
            if (recorder is not null)
            {
                writer.Flush();
                recorder.Decided(text, read.Request!, answer, answers.WrittenSpan[start..], answers.WrittenCount);
            }
        }
        else
        {
            AnswerWriter.WriteError(writer, number, errors);
            rejected++;
        }
        writer.Flush();
        writer.Reset();
        answers.Write("\n"u8);
    }
}
