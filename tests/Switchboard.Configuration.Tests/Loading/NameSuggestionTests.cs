namespace Switchboard.Configuration.Tests.Loading;

public sealed class NameSuggestionTests
{
    [Theory]
    [InlineData("adress", "address")]
    [InlineData("cmr", "crm")]
    [InlineData("reponse", "response")]
    [InlineData("HttpsPort", "httpsPort")]
    [InlineData("maxBatchSzie", "maxBatchSize")]
    public void A_likely_typo_gets_the_intended_name(string typo, string meant) =>
        NameSuggestion.Closest(typo, ["address", "crm", "response", "httpsPort", "maxBatchSize"]).ShouldBe(meant);

    [Theory]
    [InlineData("erp")]
    [InlineData("telemetry")]
    [InlineData("x")]
    public void A_name_unlike_every_candidate_gets_no_suggestion(string input) =>
        NameSuggestion.Closest(input, ["crm", "address", "hub", "server", "storage"]).ShouldBeNull();

    [Fact]
    public void A_swap_of_neighbours_is_one_edit() => NameSuggestion.Distance("cmr", "crm").ShouldBe(1);
}
