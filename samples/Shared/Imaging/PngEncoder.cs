using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RingKernel.Samples.Imaging;

/// <summary>
/// Writes 8-bit RGB images as PNG (ISO/IEC 15948): signature, IHDR, one zlib-compressed IDAT with
/// filter type 0 on every scanline, IEND. No dependency beyond the BCL.
/// </summary>
public static class PngEncoder
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG of <paramref name="width"/> x <paramref name="height"/> pixels; <paramref name="rgb"/> holds 3 bytes a pixel, rows top to bottom.</summary>
    public static byte[] EncodeRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        using var stream = new MemoryStream();
        WriteRgb(stream, width, height, rgb);
        return stream.ToArray();
    }

    /// <inheritdoc cref="EncodeRgb"/>
    public static void WriteRgb(Stream output, int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int rowBytes = checked(width * 3);
        if (rgb.Length != checked(rowBytes * height))
            throw new ArgumentException($"A {width}x{height} RGB image has {rowBytes * height} bytes; got {rgb.Length}.", nameof(rgb));

        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bits per channel
        header[9] = 2;  // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter type: none
                    zlib.Write(rgb.Slice(y * rowBytes, rowBytes));
                }
            }

            WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, "IEND", []);
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        output.Write(word);
    }
}
