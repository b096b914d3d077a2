using System.Security.Cryptography;
using System.Text;

namespace ReviewFlow.Durable.Replay;

/// <summary>Name-based (version 5 style) GUIDs, so an orchestrator gets the same GUIDs on every replay.</summary>
internal static class DeterministicGuid
{
    public static Guid Create(string name)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes(name), hash);
        Span<byte> bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
