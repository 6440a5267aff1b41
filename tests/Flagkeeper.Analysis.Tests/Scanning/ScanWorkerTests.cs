using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>A worker's read buffer: every file read whole, growth past the size the walk saw noticed, the buffer grown in powers of two.</summary>
public sealed class ScanWorkerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly PatternCache _cache = new();

    public void Dispose()
    {
        _cache.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(10)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(100_000)]
    [InlineData(262_144)]
    public void A_file_is_read_whole_into_a_buffer_of_a_power_of_two(int length)
    {
        var content = Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();
        var path = _dir.WriteBytes("f.txt", content);
        var worker = NewWorker();

        var read = worker.Read(path, length, limit: 1 << 20);

        Assert.Equal(length, read);
        Assert.Equal(content, worker.Buffer.AsSpan(0, read).ToArray());
        Assert.True(worker.Buffer.Length > length, "one byte more than the file, to notice growth");
        Assert.True(worker.Buffer.Length == 64 * 1024 || (worker.Buffer.Length & (worker.Buffer.Length - 1)) == 0, $"buffer of {worker.Buffer.Length} bytes");
    }

    [Fact]
    public void The_buffer_never_exceeds_the_limit_by_more_than_the_byte_that_notices_growth()
    {
        var path = _dir.WriteBytes("f.txt", new byte[100_000]);
        var worker = NewWorker();

        Assert.Equal(100_000, worker.Read(path, 100_000, limit: 100_000));
        Assert.Equal(100_001, worker.Buffer.Length);
    }

    [Fact]
    public void A_file_that_grew_since_the_walk_is_read_whole_or_reported_over_the_limit()
    {
        var path = _dir.WriteBytes("f.txt", new byte[200_000]);
        var worker = NewWorker();

        Assert.Equal(200_000, worker.Read(path, expectedLength: 70_000, limit: 1 << 20));
        Assert.Equal(-1, worker.Read(path, expectedLength: 70_000, limit: 150_000));
    }

    private ScanWorker NewWorker() => new(new FileMatcher(ShapeIndex.ForConfig(FlagkeeperConfig.Default), _cache, []));
}
