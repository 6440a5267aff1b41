using Flagkeeper.Cli.Invocation;
using Spectre.Console;

namespace Flagkeeper.Cli.Rendering;

/// <summary>
/// A progress line on standard error while a long scan runs: only when standard error is an interactive terminal,
/// only for text output without <c>--quiet</c> or JSON logs, and only once the scan has taken a second, so a fast
/// scan (and every pipe, file and CI log) shows nothing. The scan runs on the calling thread; the display on its own.
/// </summary>
internal static class ScanProgress
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>Whether a progress line may be shown at all (a terminal, a human format, not quiet).</summary>
    public static bool Wanted(CliContext context, string format, bool stderrIsTerminal) =>
        stderrIsTerminal && format == "text" && !context.Quiet && !context.JsonLog;

    /// <summary>Runs <paramref name="work"/>, handing it a callback to call once per file; shows progress if <see cref="Wanted"/>.</summary>
    public static T Run<T>(CliContext context, string format, Func<Action, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var terminal = ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        if (!Wanted(context, format, terminal))
        {
            return work(static () => { });
        }
        var files = 0;
        using var done = new ManualResetEventSlim();
        var display = new Thread(() => Show(done, () => Volatile.Read(ref files))) { IsBackground = true, Name = "progress" };
        display.Start();
        try
        {
            return work(() => Interlocked.Increment(ref files));
        }
        finally
        {
            done.Set();
            display.Join();
        }
    }

    private static void Show(ManualResetEventSlim done, Func<int> files)
    {
        if (done.Wait(Delay))
        {
            return; // finished within a second: nothing to show
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("scanning").IsIndeterminate();
                while (!done.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    task.Description = $"scanning: {files()} file(s)";
                    progress.Refresh();
                }
                task.StopTask();
            });
    }
}
