using Comity.Replay;
using Spectre.Console;

namespace Comity.Cli;

/// <summary>
/// A progress bar for commands that can run long, drawn on standard error only when it is a
/// terminal: piped or redirected (a tool, a test, a CI log), nothing is drawn, and standard output
/// (text or <c>--json</c>) is the same either way.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing its progress as <paramref name="label"/> when standard error is a terminal.</summary>
    public static T Run<T>(string label, Func<IProgress<WorkProgress>?, T> work)
    {
        if (Console.IsErrorRedirected || Environment.GetEnvironmentVariable("COMITY_NO_PROGRESS") is { Length: > 0 })
            return work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: 1);
                result = work(new Reporter(task));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class Reporter(ProgressTask task) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            // Spectre's task takes its own lock: workers on several threads may report.
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = Math.Min(value.Done, task.MaxValue);
        }
    }
}
