using RingKernel.K2K;

namespace RingKernel.Stencils.Halo;

/// <summary>
/// The first fault a tile's device code reported while exchanging halos, as it lies in the faults
/// buffer of a device tile group: eight 32-bit words (code, tile, step, direction, field, expected,
/// found, chunk). Code 0 is none; 1 a chunk of another step; 2 a sequence number out of order; 3 a
/// header field that does not match (<see cref="Field"/>); 4 chunks missing; 5 no room to send a
/// strip; 6 a message that is not a halo chunk.
/// </summary>
public readonly record struct HaloFault(uint Code, uint Tile, uint Step, uint Direction, uint Field, uint Expected, uint Found, uint Chunk)
{
    public const int Bytes = 8 * sizeof(uint);

    public static HaloFault Read(ReadOnlySpan<uint> words) => new(words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7]);

    /// <summary>The exception the host throws for this fault.</summary>
    public Exception ToException()
    {
        string inbox = K2KDirections.Describe((int)Direction);
        string what = Code switch
        {
            1 => $"chunk {Chunk} is for step {Found}",
            2 => $"chunk {Chunk} carries sequence number {Found}, not {Expected}: a chunk was lost or repeated",
            3 => $"chunk {Chunk} {FieldName()} is {Found}, not {Expected}",
            4 => $"the inbox holds {Found} chunk(s) of the {Expected} the halo needs",
            6 => $"chunk {Chunk} has message type {Found}, not a halo chunk ({Expected}) of the halo chunk's size",
            _ => $"fault code {Code}",
        };
        return Code == 5
            ? new InvalidOperationException($"Tile {Tile} could not send the halo of step {Step} on route {inbox}: its neighbour's inbox has room for {Found} chunk(s), the strip needs {Expected}.")
            : new HaloEpochException($"Tile {Tile} receiving the halo of step {Step} on inbox {inbox} found a chunk that does not belong there: {what}.");
    }

    private string FieldName() => Field switch
    {
        1 => "fills face",
        2 => "comes from tile",
        3 => "has a halo width of",
        4 => "has chunk index",
        5 => "has chunk count",
        6 => "holds an element count of",
        _ => $"field {Field}",
    };
}
