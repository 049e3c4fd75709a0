using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RingKernel.Samples.Imaging;

namespace RingKernel.Tests.Samples;

/// <summary>Decodes what the encoder writes, chunk by chunk, and checks it against the PNG specification.</summary>
public class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_values()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8)); // the CRC every PNG ends with
        Assert.Equal(Crc32.Compute("123456789"u8), Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void Encoded_image_has_signature_header_pixels_and_valid_crcs()
    {
        const int Width = 5, Height = 3;
        byte[] rgb = new byte[Width * Height * 3];
        for (int i = 0; i < rgb.Length; i++)
            rgb[i] = (byte)((i * 37) + 11);

        byte[] png = PngEncoder.EncodeRgb(Width, Height, rgb);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        List<(string Type, byte[] Data)> chunks = ReadChunks(png);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));

        byte[] header = chunks[0].Data;
        Assert.Equal(13, header.Length);
        Assert.Equal(Width, BinaryPrimitives.ReadInt32BigEndian(header));
        Assert.Equal(Height, BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, header[8..]); // 8-bit RGB, deflate, filter 0, no interlace

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        byte[] scanlines = inflated.ToArray();
        Assert.Equal(Height * (1 + (Width * 3)), scanlines.Length);
        for (int y = 0; y < Height; y++)
        {
            int row = y * (1 + (Width * 3));
            Assert.Equal(0, scanlines[row]); // filter type none
            Assert.Equal(rgb.AsSpan(y * Width * 3, Width * 3).ToArray(), scanlines.AsSpan(row + 1, Width * 3).ToArray());
        }

        Assert.Empty(chunks[2].Data);
    }

    [Fact]
    public void Pixel_buffer_of_the_wrong_size_is_refused()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeRgb(2, 2, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.EncodeRgb(0, 2, []));
    }

    [Fact]
    public void Field_is_scaled_from_low_to_high_onto_the_colour_map()
    {
        float[] field = [-1f, 0f, 1f, float.NaN, 5f];
        byte[] rgb = FieldImage.ToRgb(field, ColorMap.Inferno, low: -1f, high: 1f);
        Assert.Equal(new byte[] { 0, 0, 4 }, rgb[0..3]);        // low: the map's first anchor
        Assert.Equal(new byte[] { 188, 55, 84 }, rgb[3..6]);    // middle: the sixth of eleven anchors
        Assert.Equal(new byte[] { 252, 255, 164 }, rgb[6..9]);  // high: the last anchor
        Assert.Equal(new byte[] { 0, 0, 4 }, rgb[9..12]);       // NaN: the first anchor
        Assert.Equal(new byte[] { 252, 255, 164 }, rgb[12..15]); // above the range: clamped

        Assert.Equal((-1f, 5f), FieldImage.Range(field));
        // Halfway between the first two anchors (59, 76, 192) and (98, 130, 234): 78.5 rounds to even.
        Assert.Equal(((byte)78, (byte)103, (byte)213), ColorMap.CoolWarm.Map(1f / 16));
    }

    [Fact]
    public void Field_png_is_written_to_the_given_path()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("ringkernel-").FullName, "field.png");
        try
        {
            FieldImage.WritePng(path, new float[6], 3, 2, ColorMap.Inferno, 0f, 1f);
            List<(string Type, byte[] Data)> chunks = ReadChunks(File.ReadAllBytes(path));
            Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>Reads every chunk after the signature, checking each chunk's CRC over its type and data.</summary>
    private static List<(string Type, byte[] Data)> ReadChunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        int at = 8;
        while (at < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = Encoding.ASCII.GetString(png, at + 4, 4);
            byte[] data = png.AsSpan(at + 8, length).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(Crc32.Compute(png.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add((type, data));
            at += 12 + length;
        }

        Assert.Equal(png.Length, at);
        return chunks;
    }
}
