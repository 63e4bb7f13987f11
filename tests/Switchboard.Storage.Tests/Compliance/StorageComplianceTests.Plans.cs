using Dapper;

namespace Switchboard.Storage.Tests.Compliance;

public abstract partial class StorageComplianceTests
{
    /// <summary>
    /// The latest-first lists as the stores write them. A busy number has thousands of calls with the same start
    /// second; the pop reads its history on every call, so the list must come off the index in order, not be sorted.
    /// </summary>
    public static TheoryData<string> LatestFirstLists => new()
    {
        "SELECT id FROM interactions i WHERE i.caller_number = '+4930123456' ORDER BY i.started_at DESC, i.id DESC LIMIT 6",
        "SELECT id FROM interactions i WHERE i.customer_id = 'c-1' ORDER BY i.started_at DESC, i.id DESC LIMIT 6",
        "SELECT id FROM orders WHERE customer_id = 'c-1' ORDER BY created_at DESC, id DESC LIMIT 20",
        "SELECT id FROM orders WHERE number = 'A-1' ORDER BY updated_at DESC, id DESC LIMIT 1",
        "SELECT id FROM tickets WHERE customer_id = 'c-1' ORDER BY created_at DESC, id DESC LIMIT 20",
        "SELECT id FROM tickets WHERE number = 'T-1' ORDER BY updated_at DESC, id DESC LIMIT 1",
    };

    [Theory]
    [MemberData(nameof(LatestFirstLists))]
    public async Task Latest_first_lists_are_read_in_index_order_without_a_sort(string sql)
    {
        var plan = await PlanAsync(sql);

        plan.ShouldNotContain("TEMP B-TREE", Case.Insensitive, $"plan of {sql}:\n{plan}");
        plan.ShouldNotContain("Sort", Case.Sensitive, $"plan of {sql}:\n{plan}");
        plan.ShouldNotContain("SCAN", Case.Sensitive, $"plan of {sql}:\n{plan}");
        plan.ShouldNotContain("Seq Scan", Case.Sensitive, $"plan of {sql}:\n{plan}");
    }

    /// <summary>
    /// The query plan as text. PostgreSQL is told to avoid sorts and sequential scans at almost any cost, so on a
    /// small table it still shows a Sort only when no index can give the order.
    /// </summary>
    private async Task<string> PlanAsync(string sql)
    {
        await using var connection = await Provider.OpenAsync(Ct);
        if (Provider.Kind == StorageProviderKind.Sqlite)
        {
            var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql);
            return string.Join('\n', rows.Select(r => r.Detail));
        }

        // SET LOCAL ends with the transaction: pooled connections are not reset when they go back.
        await using var tx = await connection.BeginTransactionAsync(Ct);
        await connection.ExecuteAsync("SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off;", transaction: tx);
        return string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + sql, transaction: tx));
    }
}
