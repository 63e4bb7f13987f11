namespace Switchboard.Connectors.Files;

/// <summary>
/// Keeps file names inside the system's folder: a rendered name or pattern is one plain name, with
/// no separator, no <c>..</c>, no root and no control characters. Names starting with
/// <see cref="TemporaryPrefix"/> are the connector's own half-written files and are never read.
/// </summary>
internal static class FileNames
{
    public const string TemporaryPrefix = ".tmp-";

    /// <summary>Null when <paramref name="name"/> is a safe plain file name, else why not.</summary>
    public static string? Refusal(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (Path.IsPathRooted(name) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return "is a path; only a file name inside the system's folder is allowed";
        }

        if (name is "." or ".." || name.Contains("..", StringComparison.Ordinal))
        {
            return "contains '..'; only a file name inside the system's folder is allowed";
        }

        if (name.Any(char.IsControl))
        {
            return "contains a control character";
        }

        return name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) ? $"starts with '{TemporaryPrefix}', which is reserved for files being written" : null;
    }

    /// <summary>Null when <paramref name="folder"/> is a relative sub-folder (possibly nested) that stays inside the system's folder.</summary>
    public static string? SubFolderRefusal(string folder) =>
        folder.Length == 0 ? "is empty"
            : Path.IsPathRooted(folder) ? "is rooted; give a sub-folder of the system's folder"
            : folder.Split('/', '\\').Any(part => part is "" or "." or "..") ? "must be a plain sub-folder without '.', '..' or empty parts"
            : null;
}
