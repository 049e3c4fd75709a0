using System.Text;
using RingKernel.Layouts;
using RingKernel.Rings;
using Xunit;

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
}
