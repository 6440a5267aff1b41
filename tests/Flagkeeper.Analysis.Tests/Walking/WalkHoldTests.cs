using System.Collections.Concurrent;
using Flagkeeper.Analysis.Walking;

namespace Flagkeeper.Analysis.Tests.Walking;

/// <summary>
/// <see cref="WalkOptions.HandFilesAfter"/>: the walk lists folders while the caller gets ready (a scan loads its cache),
/// hands no file before that, then hands every file once; a cancelled walk stops even while it waits.
/// </summary>
public class WalkHoldTests
{
    private static TempDirectory Tree(int files)
    {
        var dir = new TempDirectory();
        for (var i = 0; i < files; i++)
        {
            dir.Write($"d{i % 5}/s{i % 3}/f{i}.ts", "x");
        }
        return dir;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void No_file_is_handed_before_the_caller_is_ready_and_then_each_once(int parallelism)
    {
        using var dir = Tree(200);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var considered = 0;
        var early = 0;
        var handed = new ConcurrentBag<string>();
        var options = new WalkOptions
        {
            Parallelism = parallelism,
            HandFilesAfter = ready.Task,
            // The caller becomes ready part way through the listing, as a cache load ends while the walk goes on.
            WantFile = name =>
            {
                if (Interlocked.Increment(ref considered) == 120)
                {
                    ready.SetResult();
                }
                return true;
            },
        };

        var walk = FileWalker.Walk(dir.Path, options, file =>
        {
            if (!ready.Task.IsCompleted)
            {
                Interlocked.Increment(ref early);
            }
            handed.Add(file.RelativePath);
        });

        Assert.False(walk.Stopped);
        Assert.Equal(0, early);
        Assert.Equal(200, handed.Count);
        Assert.Equal(200, handed.Distinct().Count());
    }

    [Fact]
    public async Task A_walk_cancelled_while_it_waits_stops_and_hands_nothing()
    {
        using var dir = Tree(50);
        using var cancel = new CancellationTokenSource();
        var never = new TaskCompletionSource(); // the caller is never ready
        var considered = 0;
        var handed = 0;
        var options = new WalkOptions
        {
            Parallelism = 2,
            HandFilesAfter = never.Task,
            WantFile = _ =>
            {
                if (Interlocked.Increment(ref considered) == 50)
                {
                    cancel.Cancel(); // the time budget runs out
                }
                return true;
            },
        };

        var walking = Task.Run(() => FileWalker.Walk(dir.Path, options, _ => Interlocked.Increment(ref handed), cancel.Token));

        var walk = await walking.WaitAsync(TimeSpan.FromSeconds(30)); // throws if the walk hung waiting
        Assert.True(walk.Stopped);
        Assert.Equal(0, handed);
    }

    [Fact]
    public void Files_are_handed_after_a_failed_caller_task_so_the_callback_meets_the_failure()
    {
        using var dir = Tree(10);
        var failed = Task.FromException(new InvalidDataException("cache unreadable"));
        var handed = 0;

        FileWalker.Walk(dir.Path, new WalkOptions { Parallelism = 2, HandFilesAfter = failed }, _ => Interlocked.Increment(ref handed));

        Assert.Equal(10, handed);
    }
}
