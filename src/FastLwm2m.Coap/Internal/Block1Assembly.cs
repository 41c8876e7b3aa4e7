using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Internal;

/// <summary>
/// A Block1 request body being received (RFC 7959 §2.5), bounded by MaxBodyBytes, forgotten
/// after the response timeout if the peer stops sending.
/// </summary>
internal sealed class Block1Assembly(CoapPeer peer, string key) : TimerNode
{
    public readonly CoapPeer Peer = peer;
    public readonly string Key = key;
    public byte[] Buffer = new byte[1024];
    public int Length;

    public void Append(ReadOnlySpan<byte> block)
    {
        if (Length + block.Length > Buffer.Length)
        {
            Array.Resize(ref Buffer, Math.Max(Buffer.Length * 2, Length + block.Length));
        }

        block.CopyTo(Buffer.AsSpan(Length));
        Length += block.Length;
    }

    protected override void OnTimer(long nowMilliseconds) => Peer.Engine.OnBlock1Expired(this);
}
