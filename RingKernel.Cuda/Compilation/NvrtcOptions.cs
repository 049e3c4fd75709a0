namespace RingKernel.Cuda.Compilation;

/// <summary>
/// The NVRTC command line for this backend's kernels. Floating point must match the C# references
/// bit for bit, so multiply-adds are never contracted into FMAs (--fmad=false) and no fast-math
/// option is ever given; IEEE division and square root are NVRTC's defaults and stay on.
/// </summary>
public static class NvrtcOptions
{
    /// <summary>The options that compile <paramref name="capability"/>'s PTX, with <paramref name="defines"/> as -D NAME=VALUE in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The device is older than <see cref="ComputeCapability.Minimum"/>.</exception>
    /// <exception cref="ArgumentException">A macro name is not a C identifier.</exception>
    public static IReadOnlyList<string> Build(ComputeCapability capability, bool lineInfo = false, IEnumerable<KeyValuePair<string, string>>? defines = null)
    {
        if (capability < ComputeCapability.Minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(capability), capability,
                $"The ring kernels need compute capability {ComputeCapability.Minimum} or newer (__nanosleep, acquire/release loads and stores); the device has {capability}.");
        }

        var options = new List<string>
        {
            $"--gpu-architecture={capability.VirtualArchitecture}",
            "--std=c++17",
            "--fmad=false",
            "--prec-div=true",
            "--prec-sqrt=true",
            "--ftz=false",
        };
        if (lineInfo)
            options.Add("--generate-line-info");
        foreach ((string name, string value) in defines ?? [])
        {
            if (!IsIdentifier(name))
                throw new ArgumentException($"'{name}' is not a C macro name.", nameof(defines));
            options.Add($"-D{name}={value}");
        }

        return options;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
