namespace Switchboard.Configuration;

/// <summary>The YAML spellings of an enum's values. Matching ignores case; errors list the spellings.</summary>
internal sealed class EnumNames<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _names;

    public EnumNames(params (string Name, T Value)[] names)
    {
        _names = names;
        Allowed = string.Join(", ", names.Select(entry => entry.Name));
    }

    /// <summary><c>GET, POST, PUT, PATCH, DELETE</c></summary>
    public string Allowed { get; }

    public bool TryParse(string text, out T value)
    {
        foreach (var (name, candidate) in _names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public string NameOf(T value) => _names.First(entry => EqualityComparer<T>.Default.Equals(entry.Value, value)).Name;
}
