namespace Switchboard.Configuration.Tests.Secrets;

public sealed class SecretReferenceTests : IDisposable
{
    private const string SecretValue = "s3cr3t-value-never-printed";
    private readonly string _variable = "SWITCHBOARD_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "switchboard-secrets-" + Guid.NewGuid().ToString("N"));

    public SecretReferenceTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void An_env_reference_resolves_to_the_variable()
    {
        Environment.SetEnvironmentVariable(_variable, SecretValue);

        var reference = SecretReference.Parse($"${{env:{_variable}}}");

        reference.Source.ShouldBe(SecretSource.Environment);
        reference.Name.ShouldBe(_variable);
        reference.Resolve().ShouldBe(SecretValue);
        reference.ToString().ShouldBe($"${{env:{_variable}}}");
        reference.ToString().ShouldNotContain(SecretValue);
    }

    [Fact]
    public void A_missing_variable_names_the_variable()
    {
        var reference = SecretReference.Parse($"${{env:{_variable}}}");

        var error = Should.Throw<InvalidOperationException>(reference.Resolve);

        error.Message.ShouldBe($"Secret ${{env:{_variable}}}: the environment variable {_variable} is not set or is empty.");
    }

    [Fact]
    public void A_file_reference_resolves_relative_to_its_base_directory_without_the_trailing_newline()
    {
        File.WriteAllText(Path.Combine(_folder, "api-key"), SecretValue + "\n");

        var reference = SecretReference.Parse("${file:api-key}", _folder);

        reference.Source.ShouldBe(SecretSource.File);
        reference.FullPath.ShouldBe(Path.Combine(_folder, "api-key"));
        reference.Resolve().ShouldBe(SecretValue);
        reference.ToString().ShouldBe("${file:api-key}");
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        var reference = SecretReference.Parse("${file:missing}", _folder);

        var error = Should.Throw<InvalidOperationException>(reference.Resolve);

        error.Message.ShouldBe($"Secret ${{file:missing}}: the file {Path.Combine(_folder, "missing")} does not exist.");
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        File.WriteAllText(Path.Combine(_folder, "empty"), "\n");

        var error = Should.Throw<InvalidOperationException>(SecretReference.Parse("${file:empty}", _folder).Resolve);

        error.Message.ShouldContain("is empty");
    }

    [Theory]
    [InlineData("${vault:x}", "uses the unknown source 'vault'; write ${env:NAME} or ${file:PATH}")]
    [InlineData("${env:1ABC}", "is not a valid environment variable name (letters, digits and '_', not starting with a digit)")]
    [InlineData("${file:}", "names no file; write ${file:PATH}")]
    [InlineData("plain", "is not a secret reference; write ${env:NAME} or ${file:PATH}")]
    public void Malformed_references_do_not_parse(string text, string reason)
    {
        SecretReference.TryParse(text, null, out var reference, out var error).ShouldBeFalse();

        reference.ShouldBeNull();
        error.ShouldBe(reason);
    }

    [Fact]
    public void Parse_does_not_echo_text_that_is_not_a_reference()
    {
        var error = Should.Throw<FormatException>(() => SecretReference.Parse(SecretValue));

        error.Message.ShouldNotContain(SecretValue);
    }
}
