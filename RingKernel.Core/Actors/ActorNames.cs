namespace RingKernel.Actors;

/// <summary>Rules for actor and system names.</summary>
internal static class ActorNames
{
    /// <summary>
    /// A name is letters, digits and <c>-_.*$+:@&amp;=,!~';</c>, not empty, and does not start with
    /// <c>$</c> (reserved for generated names).
    /// </summary>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new InvalidActorNameException("An actor name must not be empty.");
        if (name[0] == '$')
            throw new InvalidActorNameException($"The actor name '{name}' must not start with '$' (reserved for generated names).");
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "-_.*$+:@&=,!~';".Contains(c)))
                throw new InvalidActorNameException($"The actor name '{name}' contains the invalid character '{c}'.");
        }
    }

    /// <summary>A system name is ASCII letters, digits, '-' and '_', starting with a letter or digit.</summary>
    public static void ValidateSystemName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Invalid actor system name '{name}': use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
    }
}
