using System.Buffers;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// A growable byte buffer on pooled arrays. A digest's message is a few hundred kilobytes: built through strings, each
/// step (normalised text, its UTF-8, its base64, the whole message, its bytes) was a large-object allocation, and in a
/// short run the collection they triggered stopped every thread for tens of milliseconds. Here the message is written
/// once and copied out once.
/// </summary>
internal sealed class PooledBytes(int capacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, capacity));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Room for at least <paramref name="size"/> bytes at the end; <see cref="Advance"/> says how many were used.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (Length + size > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + size));
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Write(byte b)
    {
        GetSpan(1)[0] = b;
        Length++;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>ASCII text (what we build: headers, boundaries); anything else becomes '?', as <see cref="Encoding.ASCII"/> does.</summary>
    public void WriteAscii(string text) => Length += Encoding.ASCII.GetBytes(text, GetSpan(text.Length));

    public byte[] ToArray() => Written.ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        Length = 0;
    }
}
