using System.Globalization;
using System.Text.Json.Nodes;
using Switchboard.Configuration;

namespace Switchboard.Connectors.Rest;

/// <summary>
/// Follows a list operation's pages (page number, offset, cursor or next link) and joins their
/// records. A page shorter than the page size, an absent cursor or an absent next link ends the list;
/// reaching <c>maxPages</c> with more to come is an error rather than a silently cut list.
/// </summary>
internal sealed class Pager(HttpOperationConnector connector, OperationDefinition operation, OperationTrace? trace)
{
    private readonly PagingSettings _paging = operation.Paging!;

    public async Task<OperationResult> ReadAllAsync(RenderedRequest first, CancellationToken cancellationToken)
    {
        var records = new List<JsonObject>();
        var request = _paging.Type switch
        {
            PagingType.Page => WithSize(first.WithQuery(_paging.Parameter!, Number(_paging.Start))),
            PagingType.Offset => WithSize(first.WithQuery(_paging.Parameter!, "0")),
            _ => first,
        };

        for (var page = 0; page < _paging.MaxPages; page++)
        {
            var (result, document) = await connector.SendAsync(operation, request, trace, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == OperationOutcome.Conflict)
            {
                return result;
            }

            records.AddRange(result.Records);
            RenderedRequest? next = _paging.Type switch
            {
                PagingType.Page => result.Records.Count < _paging.Size ? null
                    : request.WithQuery(_paging.Parameter!, Number(_paging.Start + page + 1)),
                PagingType.Offset => result.Records.Count < _paging.Size ? null
                    : request.WithQuery(_paging.Parameter!, Number((page + 1) * _paging.Size)),
                PagingType.Cursor => document?.SelectText(_paging.CursorPath!, Namespaces) is { Length: > 0 } cursor
                    ? request.WithQuery(_paging.Parameter!, cursor) : null,
                PagingType.NextLink => document?.SelectText(_paging.NextLinkPath!, Namespaces) is { Length: > 0 } link
                    ? request with { Uri = NextUri(request.Uri, link) } : null,
                _ => null,
            };

            if (next is null || result.Records.Count == 0)
            {
                return OperationResult.Success(records);
            }

            request = next;
        }

        throw new ConnectorException(connector.System.Name, operation.Name, ConnectorFailureKind.Response,
            $"still had more pages after paging.maxPages ({_paging.MaxPages}); raise maxPages or narrow the query");
    }

    private IReadOnlyDictionary<string, string> Namespaces =>
        operation.Response?.Namespaces ?? new Dictionary<string, string>();

    private RenderedRequest WithSize(RenderedRequest request) =>
        _paging.SizeParameter is null ? request : request.WithQuery(_paging.SizeParameter, Number(_paging.Size));

    private Uri NextUri(Uri current, string link) =>
        Uri.TryCreate(current, link, out var next)
            ? next
            : throw new ConnectorException(connector.System.Name, operation.Name, ConnectorFailureKind.Response,
                $"the next-page link '{link}' is not a URL");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
