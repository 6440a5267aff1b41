using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Flagkeeper.Sample.Tests;

/// <summary>samples/web's built dll running as its own process on 127.0.0.1 and a free port; killed when disposed.</summary>
internal sealed class SampleApp : IAsyncDisposable
{
    private static readonly string Dll = typeof(SampleApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleDll").Value!;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleApp(Process process, Uri address)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    /// <summary>What the app printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SampleApp> StartAsync(string registry, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
        };
        foreach (var arg in (string[])[Dll, "--urls", $"http://127.0.0.1:{port}", $"--Flagkeeper:Registry={registry}", "--Flagkeeper:DebounceDelay=00:00:00.100", .. settings])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new SampleApp(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready when it answers; bounded, and a process that exits early fails at once with its output.
        var ready = await Until(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the sample exited with {process.ExitCode}:\n{app.Output}");
            }
            try
            {
                return (await app.Http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60));
        if (!ready)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"the sample did not answer within 60 s:\n{app.Output}");
        }
        return app;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes (real time: a real server).</summary>
    public static async Task<bool> Until(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return await condition();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
