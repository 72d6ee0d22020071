using System.Buffers;
using System.Text.Json;
using Comity.Contract;

namespace Comity.Engine;

/// <summary>
/// Decides JSON Lines: one request per line in, one answer per line out, in order, streaming in
/// constant memory (one line at a time, however long the input). A line that breaks the contract
/// yields an error answer naming the line and the property, and the batch goes on. Blank lines
/// are skipped but still counted, so line numbers match the input file. With a recorder, each
/// decided answer is recorded before it is written.
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
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        Emit(answers, output);
        return new Summary(decided, rejected);
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

    private void Answer(ReadOnlySpan<byte> text, long number, Utf8JsonWriter writer, ArrayBufferWriter<byte> answers, ref long decided, ref long rejected)
    {
        if (text.Length > 0 && text[^1] == '\r')
            text = text[..^1];
        if (text.Trim(" \t"u8).IsEmpty)
            return;
        var read = RequestReader.Read(text);
        ContractError? error = null;
        var engine = read.Request is { } r ? catalog.Find(r, out error) : null;
        if (engine is not null)
        {
            var start = answers.WrittenCount;
            var answer = engine.Decide(read.Request!);
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
            AnswerWriter.WriteError(writer, number, error is null ? read.Errors : [error]);
            rejected++;
        }
        writer.Flush();
        writer.Reset();
        answers.Write("\n"u8);
    }
}
