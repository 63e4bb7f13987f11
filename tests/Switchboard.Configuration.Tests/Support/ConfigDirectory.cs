namespace Switchboard.Configuration.Tests.Support;

/// <summary>A configuration directory in a temporary folder, deleted on dispose.</summary>
public sealed class ConfigDirectory : IDisposable
{
    public const string MinimalSystem = """
        name: crm
        kind: crm
        protocol: rest
        mode: on
        address: http://127.0.0.1:5081/
        operations:
          customer.findByPhone:
            method: GET
            path: /api/contacts?phone={{ phone }}
        """;

    public ConfigDirectory(bool withHubFile = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "switchboard-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (withHubFile)
        {
            Write("switchboard.yaml", string.Empty);
        }
    }

    public string Path { get; }

    public ConfigDirectory Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n") + "\n");
        return this;
    }

    public ConfigurationLoadResult Load() => ConfigurationLoader.Load(Path);

    /// <summary>Loads and expects exactly one error.</summary>
    public ConfigurationError SingleError()
    {
        var result = Load();
        result.IsValid.ShouldBeFalse();
        result.Configuration.ShouldBeNull();
        result.Errors.Count.ShouldBe(1, string.Join(Environment.NewLine, result.Errors));
        return result.Errors[0];
    }

    /// <summary>Loads and expects no error.</summary>
    public HubConfiguration Valid()
    {
        var result = Load();
        result.Errors.ShouldBeEmpty(string.Join(Environment.NewLine, result.Errors));
        result.IsValid.ShouldBeTrue();
        return result.Configuration!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned eventually.
        }
    }
}
