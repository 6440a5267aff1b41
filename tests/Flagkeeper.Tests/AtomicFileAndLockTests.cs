using System.Diagnostics;
using System.Text;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Validation;
using Microsoft.Extensions.Time.Testing;

namespace Flagkeeper.Tests;

/// <summary><see cref="AtomicFile"/> (whole-file replace, no leftovers) and <see cref="RegistryLock"/> (one edit at a time).</summary>
public class AtomicFileAndLockTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    private static string[] FilesIn(TempDirectory dir) =>
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_large_text_is_written_as_exactly_its_utf8_bytes_across_every_block(bool byteOrderMark)
    {
        using var dir = new TempDirectory();
        var text = new System.Text.StringBuilder();
        while (text.Length < 300_000)
        {
            text.Append('a').Append('é').Append("日本").Append("🚀"); // 1-, 2-, 3- and 4-byte characters, pairs across block ends
        }
        var path = dir["flags.yaml"];

        AtomicFile.WriteAllText(path, text.ToString(), byteOrderMark);

        var expected = (byteOrderMark ? System.Text.Encoding.UTF8.Preamble.ToArray() : []).Concat(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_creates_the_file_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();

        AtomicFile.WriteAllText(dir["flags.yaml"], "version: 1\n", byteOrderMark: false);

        Assert.Equal(["flags.yaml"], FilesIn(dir));
        Assert.Equal("version: 1\n"u8.ToArray(), dir.ReadBytes("flags.yaml"));
    }

    [Fact]
    public void Write_replaces_an_existing_file_and_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        dir.Write("flags.yaml", "old content that is longer than the new one\n");

        for (var i = 0; i < 5; i++)
        {
            AtomicFile.WriteAllText(dir["flags.yaml"], $"new {i}\n", byteOrderMark: false);
        }

        Assert.Equal(["flags.yaml"], FilesIn(dir));
        Assert.Equal("new 4\n", dir.Read("flags.yaml"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_adds_a_byte_order_mark_only_when_asked(bool byteOrderMark)
    {
        using var dir = new TempDirectory();

        AtomicFile.WriteAllText(dir["flags.yaml"], "é\n", byteOrderMark);

        byte[] expected = byteOrderMark ? [0xEF, 0xBB, 0xBF, 0xC3, 0xA9, 0x0A] : [0xC3, 0xA9, 0x0A];
        Assert.Equal(expected, dir.ReadBytes("flags.yaml"));
        Assert.Equal(byteOrderMark, AtomicFile.HasByteOrderMark(dir["flags.yaml"]));
    }

    [Theory]
    [InlineData(new byte[0], false)]
    [InlineData(new byte[] { 0xEF, 0xBB }, false)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, true)]
    [InlineData(new byte[] { 0x61, 0xEF, 0xBB, 0xBF }, false)]
    public void Has_byte_order_mark_looks_at_the_first_three_bytes(byte[] content, bool expected)
    {
        using var dir = new TempDirectory();

        Assert.Equal(expected, AtomicFile.HasByteOrderMark(dir.WriteBytes("f", content)));
    }

    [Fact]
    public void Failed_write_leaves_no_temp_file()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["flags.yaml"]); // the target is a folder: the final rename fails

        Assert.ThrowsAny<Exception>(() => AtomicFile.WriteAllText(dir["flags.yaml"], "x", byteOrderMark: false));

        Assert.Empty(FilesIn(dir));
    }

    [Fact]
    public void Successful_registry_edit_leaves_only_the_registry_and_its_lock_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", TestRegistries.RegistryText(TestRegistries.Flag("a")));

        var edited = RegistryFileEditor.Edit(path, "flags.yaml", [new SetFlagValue("a", null, "enabled", true)], r => new RegistryValidator().Validate([r]));

        Assert.True(edited.Value.Changed);
        Assert.Equal([".flags.yaml.lock", "flags.yaml"], FilesIn(dir));
    }

    [Fact]
    public void Lock_file_sits_next_to_the_registry()
    {
        using var dir = new TempDirectory();

        Assert.Equal(Path.Combine(dir.Path, "sub", ".flags.json.lock"), RegistryLock.LockPathFor(dir["sub/flags.json"]));
    }

    [Fact]
    public async Task Second_acquire_waits_the_whole_timeout_on_the_clock_then_fails_with_FK3011()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "version: 1\n");
        using var first = RegistryLock.Acquire(path, Short).Value;
        var time = new WatchedClock();

        var second = Task.Run(() => RegistryLock.Acquire(path, TimeSpan.FromSeconds(30), time));
        await Advance(time, TimeSpan.FromSeconds(29.9), second);
        Assert.False(second.IsCompleted, "gave up before the timeout had passed");
        var error = Assert.Single((await AdvanceUntilDone(time, second)).Errors);

        Assert.Equal("FK3011", error.Code);
        Assert.Equal(RecoveryStrategy.Retry, error.Recovery);
        Assert.Contains("stayed locked for 30 s", error.Message, StringComparison.Ordinal);
        Assert.Contains(".flags.yaml.lock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_message_does_not_round_a_short_wait_down_to_zero_seconds()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "version: 1\n");
        using var first = RegistryLock.Acquire(path, Short).Value;
        var time = new WatchedClock();

        var failed = await AdvanceUntilDone(time, Task.Run(() => RegistryLock.Acquire(path, TimeSpan.FromMilliseconds(300), time)));

        Assert.Contains("stayed locked for 0.3 s", Assert.Single(failed.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acquire_works_again_after_the_first_lock_is_disposed()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "version: 1\n");
        var first = RegistryLock.Acquire(path, Short).Value;
        var time = new WatchedClock();
        var blocked = await AdvanceUntilDone(time, Task.Run(() => RegistryLock.Acquire(path, Short, time)));
        Assert.Equal("FK3011", Assert.Single(blocked.Errors).Code);

        first.Dispose();
        using var second = RegistryLock.Acquire(path, Short).Value; // free: the first try takes it, nothing waits

        Assert.True(File.Exists(RegistryLock.LockPathFor(path)), "the lock file is kept so two processes always lock the same file");
    }

    [Fact]
    public async Task Waiting_acquire_gets_the_lock_once_it_is_released()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("flags.yaml", "version: 1\n");
        var first = RegistryLock.Acquire(path, Short).Value;
        var time = new WatchedClock();

        // A timeout far beyond the wait: the fake clock runs ahead of the waiting thread between its retries.
        var waiting = Task.Run(() => RegistryLock.Acquire(path, TimeSpan.FromHours(1), time));
        await Advance(time, TimeSpan.FromSeconds(5), waiting);
        Assert.False(waiting.IsCompleted, "the second acquire did not wait");
        first.Dispose();
        using var second = (await AdvanceUntilDone(time, waiting)).Value;

        Assert.Equal("FK3011", Assert.Single(RegistryLock.Acquire(path, Short).Errors).Code); // it holds the lock now
    }

    /// <summary>Moves the fake clock by <paramref name="total"/> in steps shorter than a retry, letting the waiter run between steps.</summary>
    private static async Task Advance(WatchedClock time, TimeSpan total, Task waiter)
    {
        await UntilWaiting(time, waiter);
        for (var passed = TimeSpan.Zero; passed < total && !waiter.IsCompleted; passed += Step)
        {
            time.Advance(Step);
            await Task.Yield();
        }
    }

    /// <summary>Moves the fake clock on until <paramref name="waiter"/> finishes (a lock or FK3011); a hang fails after a minute of real time.</summary>
    private static async Task<T> AdvanceUntilDone<T>(WatchedClock time, Task<T> waiter)
    {
        await UntilWaiting(time, waiter);
        var guard = Stopwatch.StartNew();
        while (!waiter.IsCompleted)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromMinutes(1), "the lock wait does not follow the injected clock");
            time.Advance(Step);
            await Task.Yield();
        }
        return await waiter;
    }

    /// <summary>
    /// Returns once the acquire on another thread has tried, found the lock taken and waits on the clock (its
    /// timeout and its first retry delay are timers), so no fake time passes before it started counting.
    /// </summary>
    private static async Task UntilWaiting(WatchedClock time, Task waiter)
    {
        var guard = Stopwatch.StartNew();
        while (time.Timers < 2 && !waiter.IsCompleted)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromMinutes(1), "the lock wait never started a timer on the injected clock");
            await Task.Yield();
        }
    }

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(5);

    /// <summary>A fake clock that counts the timers the code under test starts on it.</summary>
    private sealed class WatchedClock : FakeTimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public void Locks_on_different_registries_do_not_block_each_other()
    {
        using var dir = new TempDirectory();
        string[] registries = [dir.Write("a/flags.yaml", ""), dir.Write("b/flags.yaml", ""), dir.Write("a/flags.json", "")];

        var held = registries.Select(r => RegistryLock.Acquire(r, Short).Value).ToList(); // one blocking another: FK3011

        Assert.Equal(3, registries.Select(RegistryLock.LockPathFor).Distinct().Count(File.Exists));
        held.ForEach(l => l.Dispose());
    }

    [Fact]
    public void Edit_of_a_locked_registry_is_FK3011_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var text = TestRegistries.RegistryText(TestRegistries.Flag("a"));
        var path = dir.Write("flags.yaml", text);
        using var held = RegistryLock.Acquire(path, Short).Value;

        var refused = RegistryFileEditor.Edit(path, "flags.yaml", [new SetFlagValue("a", null, "enabled", true)], r => new RegistryValidator().Validate([r]), Short);

        Assert.Equal("FK3011", Assert.Single(refused.Errors).Code);
        Assert.Equal(Encoding.UTF8.GetBytes(text), dir.ReadBytes("flags.yaml"));
    }
}
