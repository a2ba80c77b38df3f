using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RagPlatform.Core.Embeddings;

/// <summary>
/// The embedding of one sentence of a chunk, computed at index time (as a passage, exactly the text the extractive
/// answerer scores) and stored beside the chunk's token vectors, so an ask encodes only the question. It is found
/// again by its text's key: the same text has the same vector whichever chunk or span it was read from.
/// </summary>
/// <param name="Key">The text's key (<see cref="KeyOf"/>).</param>
/// <param name="Vector">Unit-length sentence embedding.</param>
public readonly record struct SentenceVector(UInt128 Key, float[] Vector)
{
    /// <summary>The first 128 bits of the SHA-256 of the text's UTF-16 code units.</summary>
    public static UInt128 KeyOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), hash);
        return new UInt128(BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
    }
}
