namespace Switchboard.Configuration;

/// <summary>
/// The <c>file</c> section of an operation. A write renders one record into a new file named by
/// <see cref="Write"/> (written to a temporary name, then renamed, so readers never see half a file);
/// a read takes the files matching <see cref="Read"/>, maps each line or row as an item, and moves
/// each file to <see cref="ProcessedFolder"/> once done.
/// </summary>
public sealed record FileOperationSettings
{
    public FileFormat Format { get; init; } = FileFormat.JsonLines;

    /// <summary>Write: a template for the file name, inside the system's folder.</summary>
    public string? Write { get; init; }

    /// <summary>Write, csv: column name to a template for its value, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Columns { get; init; } = [];

    /// <summary>Read: a file name pattern (<c>*.csv</c>) inside the system's folder.</summary>
    public string? Read { get; init; }

    /// <summary>Read: the sub-folder files move to once read (default <c>processed</c>).</summary>
    public string ProcessedFolder { get; init; } = "processed";
}
