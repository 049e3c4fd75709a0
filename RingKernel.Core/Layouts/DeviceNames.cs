using System.Text;

namespace RingKernel.Layouts;

/// <summary>Names of generated constants: <c>RINGKERNEL_</c> plus upper snake case of the C# names.</summary>
internal static class DeviceNames
{
    public const string Prefix = "RINGKERNEL";

    public static string Constant(string owner, string member) => $"{Prefix}_{UpperSnake(owner)}_{UpperSnake(member)}";

    /// <summary>"RingHeader" becomes "RING_HEADER", "HLCTimestamp" "HLC_TIMESTAMP", "K2KRoute" "K2K_ROUTE".</summary>
    public static string UpperSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (i > 0 && char.IsUpper(c))
            {
                char previous = pascal[i - 1];
                bool endsWord = char.IsLower(previous);
                bool endsAcronym = !char.IsLower(previous) && i + 1 < pascal.Length && char.IsLower(pascal[i + 1]);
                if (endsWord || endsAcronym)
                    builder.Append('_');
            }
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }
}
