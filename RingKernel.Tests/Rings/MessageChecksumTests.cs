using System.Text;
using RingKernel.Layouts;
using RingKernel.Rings;

namespace RingKernel.Tests.Rings;

public sealed class MessageChecksumTests
{
    [Fact]
    public void Crc32C_matches_the_standard_check_values()
    {
        Assert.Equal(0xE3069283u, MessageChecksum.Crc32C(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0x00000000u, MessageChecksum.Crc32C([]));
        // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, and 32 bytes of 0xFF.
        Assert.Equal(0x8A9136AAu, MessageChecksum.Crc32C(new byte[32]));
        Assert.Equal(0x62A8AB43u, MessageChecksum.Crc32C(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void Message_checksum_is_the_crc_of_header_with_a_zero_checksum_field_then_payload()
    {
        byte[] message = Enumerable.Range(0, MessageHeader.Size + 13).Select(i => (byte)(i * 7 + 1)).ToArray();
        byte[] zeroed = (byte[])message.Clone();
        Array.Clear(zeroed, 48, 4);

        uint expected = MessageChecksum.Crc32C(zeroed);
        Assert.Equal(expected, MessageChecksum.Compute(message));
        Assert.Equal(expected, MessageChecksum.Compute(zeroed));

        message[MessageHeader.Size + 12] ^= 1;
        Assert.NotEqual(expected, MessageChecksum.Compute(message));
        Assert.Throws<ArgumentException>(() => MessageChecksum.Compute(new byte[MessageHeader.Size - 1]));
    }

    [Fact]
    public void Crc32C_of_long_data_taken_in_interleaved_lanes_equals_the_bitwise_definition_at_every_length()
    {
        var random = new Random(20261122);
        byte[] data = new byte[2_000];
        random.NextBytes(data);
        for (int length = 0; length <= data.Length; length += length < 800 ? 1 : 37)
            Assert.Equal(BitwiseCrc32C(data.AsSpan(0, length)), MessageChecksum.Crc32C(data.AsSpan(0, length)));
    }

    [Fact]
    public void A_message_with_a_long_payload_checks_as_header_then_payload_and_any_flipped_bit_shows()
    {
        var random = new Random(7);
        byte[] message = new byte[MessageHeader.Size + 928];
        random.NextBytes(message);
        Array.Clear(message, 48, 4);
        uint expected = BitwiseCrc32C(message);
        Assert.Equal(expected, MessageChecksum.Compute(message));
        for (int bit = 0; bit < 8 * 928; bit += 61)
        {
            message[MessageHeader.Size + (bit / 8)] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(expected, MessageChecksum.Compute(message));
            message[MessageHeader.Size + (bit / 8)] ^= (byte)(1 << (bit % 8));
        }
    }

    /// <summary>CRC-32C one bit at a time, straight from the definition (reflected 0x82F63B78).</summary>
    private static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = ~0u;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        }

        return ~crc;
    }
}
