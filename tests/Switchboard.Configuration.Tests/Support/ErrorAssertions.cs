namespace Switchboard.Configuration.Tests.Support;

public static class ErrorAssertions
{
    public static void ShouldBeAt(this ConfigurationError error, string file, int line, int column, string field, string? value, string reason)
    {
        error.File.ShouldBe(file);
        error.Line.ShouldBe(line);
        error.Column.ShouldBe(column);
        error.Field.ShouldBe(field);
        error.Value.ShouldBe(value);
        error.Reason.ShouldBe(reason);
    }
}
