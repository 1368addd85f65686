using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SecureCall.Benchmarks;

/// <summary>
/// One kept-alive HTTP/1.1 connection that posts JSON and reads the reply with as little client work as possible
/// (like wrk, not like a general client): the load generator shares the machine's two cores with the server it
/// measures, and every microsecond it spends is taken from the server. Understands exactly what Kestrel sends back:
/// a status line, headers, and a body framed by <c>Content-Length</c> or chunked encoding. Anything else is an error.
/// </summary>
public sealed class LeanHttpConnection : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;

    private readonly Socket _socket;
    private readonly byte[] _requestPrefix;
    private readonly byte[] _send = new byte[4096];
    private readonly byte[] _receive = new byte[MaxResponseBytes];
    private int _received;
    private int _consumed;

    private LeanHttpConnection(Socket socket, Uri server)
    {
        _socket = socket;
        _requestPrefix = Encoding.ASCII.GetBytes($"Host: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: ");
    }

    public static async Task<LeanHttpConnection> OpenAsync(Uri server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new DnsEndPoint(server.Host, server.Port));
        return new LeanHttpConnection(socket, server);
    }

    /// <summary>Posts <paramref name="json"/> (UTF-8) to <paramref name="path"/>; returns the status code and the body.</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> PostAsync(string path, ReadOnlyMemory<byte> json)
    {
        var length = WriteRequest(path, json.Span);
        await _socket.SendAsync(_send.AsMemory(0, length), SocketFlags.None);
        return await ReadResponseAsync();
    }

    public void Dispose() => _socket.Dispose();

    private int WriteRequest(string path, ReadOnlySpan<byte> json)
    {
        var span = _send.AsSpan();
        var at = Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\n", span);
        _requestPrefix.CopyTo(span[at..]);
        at += _requestPrefix.Length;
        Utf8Formatter.TryFormat(json.Length, span[at..], out var digits);
        at += digits;
        "\r\n\r\n"u8.CopyTo(span[at..]);
        at += 4;
        json.CopyTo(span[at..]);
        return at + json.Length;
    }

    private async Task<(int Status, ReadOnlyMemory<byte> Body)> ReadResponseAsync()
    {
        // A kept-alive connection carries one reply at a time here, so whatever was left over belongs to no one.
        _received = _consumed = 0;
        int headerEnd;
        while ((headerEnd = _receive.AsSpan(0, _received).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await ReceiveMoreAsync();
        }
        var (status, contentLength) = ParseHead(_receive.AsSpan(0, headerEnd));
        _consumed = headerEnd + 4;
        if (contentLength < 0)
        {
            return (status, await ReadChunkedBodyAsync());
        }
        if (_consumed + contentLength > _receive.Length)
        {
            throw new InvalidDataException($"Reply larger than {MaxResponseBytes} bytes.");
        }
        while (_received < _consumed + contentLength)
        {
            await ReceiveMoreAsync();
        }
        return (status, _receive.AsMemory(_consumed, contentLength));
    }

    /// <summary>Status code, and the body length (-1: chunked).</summary>
    private static (int Status, int ContentLength) ParseHead(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("HTTP/1.1 "u8) || head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new InvalidDataException("Not an HTTP/1.1 status line.");
        }
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (StartsWithIgnoreCase(line, "content-length:"u8))
            {
                if (!Utf8Parser.TryParse(line["content-length:"u8.Length..].Trim((byte)' '), out int length, out _) || length < 0)
                {
                    throw new InvalidDataException("Bad Content-Length.");
                }
                return (status, length);
            }
            if (StartsWithIgnoreCase(line, "transfer-encoding:"u8) && line["transfer-encoding:"u8.Length..].Trim((byte)' ').SequenceEqual("chunked"u8))
            {
                return (status, -1);
            }
        }
        throw new InvalidDataException("The reply has neither Content-Length nor chunked encoding.");
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> line, ReadOnlySpan<byte> prefix) =>
        line.Length >= prefix.Length && Ascii.EqualsIgnoreCase(line[..prefix.Length], prefix);

    // Decodes the chunks in place: each chunk's data is moved down to follow the previous one's.
    private async Task<ReadOnlyMemory<byte>> ReadChunkedBodyAsync()
    {
        var bodyStart = _consumed;
        var bodyEnd = _consumed;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _receive.AsSpan(_consumed, _received - _consumed).IndexOf("\r\n"u8)) < 0)
            {
                await ReceiveMoreAsync();
            }
            if (!Utf8Parser.TryParse(_receive.AsSpan(_consumed, lineEnd), out int chunkLength, out _, 'X') || chunkLength < 0)
            {
                throw new InvalidDataException("Bad chunk size.");
            }
            var dataStart = _consumed + lineEnd + 2;
            while (_received < dataStart + chunkLength + 2)
            {
                await ReceiveMoreAsync();
            }
            if (chunkLength == 0)
            {
                return _receive.AsMemory(bodyStart, bodyEnd - bodyStart);
            }
            Buffer.BlockCopy(_receive, dataStart, _receive, bodyEnd, chunkLength);
            bodyEnd += chunkLength;
            _consumed = dataStart + chunkLength + 2;
        }
    }

    private async Task ReceiveMoreAsync()
    {
        if (_received == _receive.Length)
        {
            throw new InvalidDataException($"Reply larger than {MaxResponseBytes} bytes.");
        }
        var read = await _socket.ReceiveAsync(_receive.AsMemory(_received), SocketFlags.None);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }
        _received += read;
    }
}
