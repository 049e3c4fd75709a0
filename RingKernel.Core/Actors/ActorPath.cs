using System.Text;

namespace RingKernel.Actors;

/// <summary>
/// The name of an actor within its system, such as <c>rk://orders/user/router/worker-3</c>: a chain of
/// element names under the root of the named system. Two paths are equal when their system names and
/// elements are equal.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    public const string Scheme = "rk";

    private string? _text;

    private ActorPath(string systemName, ActorPath? parent, string name)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The root of <paramref name="systemName"/>'s hierarchy, <c>rk://name/</c>.</summary>
    public static ActorPath Root(string systemName) => new(systemName, null, "");

    public string SystemName { get; }

    /// <summary>The enclosing path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    /// <summary>Number of elements below the root.</summary>
    public int Depth { get; }

    public ActorPath Child(string name) => new(SystemName, this, name);

    /// <summary>The elements below the root, outermost first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            ActorPath path = this;
            for (int i = Depth - 1; i >= 0; i--)
            {
                elements[i] = path.Name;
                path = path.Parent!;
            }

            return elements;
        }
    }

    public override string ToString()
    {
        if (_text is not null)
            return _text;
        var text = new StringBuilder(Scheme).Append("://").Append(SystemName).Append('/');
        text.AppendJoin('/', Elements);
        return _text = text.ToString();
    }

    public bool Equals(ActorPath? other) =>
        other is not null && (ReferenceEquals(this, other) || (Depth == other.Depth && ToString() == other.ToString()));

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
