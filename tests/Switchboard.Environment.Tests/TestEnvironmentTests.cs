namespace Switchboard.Environment.Tests;

public class TestEnvironmentTests
{
    [Fact]
    public void Missing_variable_fails_with_a_message_naming_it()
    {
        const string variable = "SWITCHBOARD_TEST_SURELY_NOT_SET_4F1C";

        var error = Should.Throw<InvalidOperationException>(() => TestEnvironment.Require(variable));

        error.Message.ShouldContain(variable);
        error.Message.ShouldContain("./test.sh");
    }
}
