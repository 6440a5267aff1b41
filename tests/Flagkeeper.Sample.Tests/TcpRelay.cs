using System.Net;
using System.Net.Sockets;

namespace Flagkeeper.Sample.Tests;

/// <summary>
/// A loopback TCP relay to a target port: one instance connects through it, so <see cref="Cut"/> partitions that
/// instance alone (listener closed, every relayed connection dropped) and <see cref="Resume"/> heals it on the same port.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;

    public TcpRelay(int target)
    {
        _target = target;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Resume();
    }

    public int Port { get; }

    /// <summary>Listens again on <see cref="Port"/> and relays every new connection to the target.</summary>
    public void Resume()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    /// <summary>Stops listening and drops every relayed connection: the client sees its sockets close and cannot reconnect.</summary>
    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue; // the target is down: the client sees a closed connection, as it would without the relay
            }

            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
            // either side closed
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public void Dispose() => Cut();
}
