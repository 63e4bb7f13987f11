using Switchboard.Connectors.Sql;

namespace Switchboard.Connectors.Tests.Sql;

public sealed class SqlParameterNamesTests
{
    [Fact]
    public void Parameters_are_found_once_in_order_of_first_use()
    {
        SqlParameterNames.Find("SELECT * FROM t WHERE a = @first AND b > @second::timestamptz OR a = @first")
            .ShouldBe(["first", "second"]);
    }

    [Fact]
    public void At_signs_inside_literals_comments_and_identifiers_are_not_parameters()
    {
        const string sql = """
            SELECT 'mail@example.com', E'it\'s @escaped', $$ @dollar $$, $tag$ @tagged $tag$, "col@name"
            FROM t -- @comment
            /* @block /* @nested */ still comment */
            WHERE tags @> ARRAY['x'] AND id = @id
            """;

        SqlParameterNames.Find(sql).ShouldBe(["id"]);
    }
}
