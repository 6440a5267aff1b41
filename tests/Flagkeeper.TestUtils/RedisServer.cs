using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flagkeeper.TestUtils;

/// <summary>
/// A real <c>redis-server</c> for tests: on a free port of 127.0.0.1, persistence off, answering PING before
/// <see cref="Start"/> returns; killed on dispose. <see cref="Stop"/> and <see cref="Start"/> again on the same port
/// simulate an outage. When redis-server is missing it runs <c>eng/install-package.sh</c>; if Redis still
/// cannot run, it throws (the test fails, never skips) saying how to install it.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly Lazy<string> Executable = new(FindOrInstall, LazyThreadSafetyMode.ExecutionAndPublication);
    private Process? _process;
    private readonly StringBuilder _output = new();

    public RedisServer(string? password = null)
    {
        Password = password;
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public string? Password { get; }

    /// <summary>A StackExchange.Redis configuration string for this server (with the password when it has one).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}" + (Password is null ? string.Empty : $",password={Password}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args = ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", Path.GetTempPath()];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }

        _output.Clear();
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode} on port {Port}:\n{Output}");
            }

            try
            {
                if (Command("PING") == "PONG")
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // not listening yet
            }

            Thread.Sleep(20); // waiting on a process we do not control; no clock to fake here
        }

        Stop();
        throw new InvalidOperationException($"redis-server on port {Port} did not answer PING within 15 s:\n{Output}");
    }

    /// <summary>Kills the server and waits until it is gone (its port refuses connections).</summary>
    public void Stop()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>
    /// Runs one command on a fresh connection (authenticated when the server has a password) and returns its reply:
    /// simple and bulk strings as they are, integers as text, nil as null, arrays one element a line; an error reply
    /// throws.
    /// </summary>
    public string? Command(params string[] args)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 5000;
        if (Password is not null)
        {
            Send(stream, ["AUTH", Password]);
            Read(stream);
        }

        Send(stream, args);
        return Read(stream);
    }

    public void Dispose() => Stop();

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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static void Send(Stream stream, string[] args)
    {
        var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        }

        stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
    }

    private static string? Read(Stream stream)
    {
        var line = ReadLine(stream);
        switch (line[0])
        {
            case '+' or ':':
                return line[1..];
            case '-':
                throw new InvalidOperationException("Redis error: " + line[1..]);
            case '$':
                var length = int.Parse(line[1..]);
                if (length < 0)
                {
                    return null;
                }

                var data = new byte[length + 2];
                stream.ReadExactly(data);
                return Encoding.UTF8.GetString(data, 0, length);
            case '*':
                var count = int.Parse(line[1..]);
                return count < 0 ? null : string.Join("\n", Enumerable.Range(0, count).Select(_ => Read(stream)));
            default:
                throw new InvalidOperationException("unexpected Redis reply: " + line);
        }
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                throw new IOException("Redis closed the connection");
            }

            if (b == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
            {
                return Encoding.UTF8.GetString([.. bytes[..^1]]);
            }

            bytes.Add((byte)b);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindOrInstall() => TestTools.FindOrInstall("redis-server", "redis-server");
}
