using Newtonsoft.Json.Linq;
using Switchboard.Mapping.Responses;

namespace Switchboard.Mapping.Tests.Responses;

/// <summary>Plain paths are walked by the hub itself; every answer must be Newtonsoft's, token for token.</summary>
public sealed class JsonPathsTests
{
    private static readonly JToken Document = JToken.Parse("""
        {
          "records": [
            { "id": "C-1", "name": { "first": "Anna" }, "phones": ["+4930", null], "tags": [] },
            { "id": "C-2", "name": null, "phones": "+4940" },
            7,
            [1, 2],
            null
          ],
          "byId": { "C-1": { "id": "C-1" }, "x": 1 },
          "empty": {},
          "n": null,
          "_under_score9": true,
          "deep": { "a": { "b": { "c": [ { "d": 1 }, { "d": 2 } ] } } }
        }
        """);

    public static TheoryData<string> PlainPaths => new()
    {
        "$", "$.records", "$.records[*]", "$.records[0]", "$.records[1].id", "$.records[4]", "$.records[99]",
        "$.records[*].id", "$.records[*].name.first", "$.records[*].phones[*]", "$.records[*].phones[0]",
        "$.records[*][*]", "$.records[*][1]", "$.byId[*]", "$.byId.x", "$.byId.x.y", "$.empty", "$.empty.a",
        "$.n", "$.n.a", "$.missing", "$.missing[*]", "$._under_score9", "$.deep.a.b.c[*].d", "$.deep.a.b.c[1].d",
        "$[0]", "$[*]", "$.records[0][0]",
    };

    [Theory]
    [MemberData(nameof(PlainPaths))]
    public void A_plain_path_finds_what_newtonsoft_finds(string path)
    {
        JsonPaths.PlainSteps(path).ShouldNotBeNull($"{path} should be walked directly");

        var ours = JsonPaths.SelectAll(Document, path);
        var theirs = Document.SelectTokens(path).ToList();

        ours.Count.ShouldBe(theirs.Count, path);
        for (var i = 0; i < ours.Count; i++)
        {
            ours[i].ShouldBeSameAs(theirs[i], $"{path}, match {i}");
        }

        JsonPaths.SelectFirst(Document, path).ShouldBeSameAs(theirs.FirstOrDefault(), path);
    }

    [Theory]
    [InlineData("$..id")]
    [InlineData("$.records[?(@.id == 'C-2')].id")]
    [InlineData("$['byId']['C-1'].id")]
    [InlineData("$.byId.C-1")]
    [InlineData("$.records[0:2]")]
    [InlineData("$.byId.*")]
    [InlineData("records[0].id")]
    [InlineData("$.1st")]
    public void Any_other_path_is_left_to_newtonsoft_with_the_same_answer(string path)
    {
        JsonPaths.PlainSteps(path).ShouldBeNull($"{path} is not plain");

        JsonPaths.SelectAll(Document, path).ShouldBe(Document.SelectTokens(path).ToList());
    }

    [Theory]
    [InlineData("$.records[")]
    [InlineData("$. records")]
    [InlineData("$.records.")]
    public void A_path_that_is_not_jsonpath_is_refused_with_the_path_named(string path)
    {
        JsonPaths.PlainSteps(path).ShouldBeNull();

        Should.Throw<PathException>(() => JsonPaths.SelectFirst(Document, path)).Message.ShouldContain(path);
    }
}
