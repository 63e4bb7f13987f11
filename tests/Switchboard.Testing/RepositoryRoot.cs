namespace Switchboard.Testing;

/// <summary>The repository's root folder: the first folder above the test binaries holding Switchboard.slnx.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Switchboard.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Switchboard.slnx above {AppContext.BaseDirectory}.");
    }
}
