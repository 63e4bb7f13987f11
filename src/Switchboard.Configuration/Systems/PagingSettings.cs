namespace Switchboard.Configuration;

/// <summary>How a list operation fetches its following pages.</summary>
public sealed record PagingSettings
{
    public const int MaxPagesLimit = 10_000;

    public required PagingType Type { get; init; }

    /// <summary>page/offset/cursor: the query parameter carrying the page number, offset or cursor.</summary>
    public string? Parameter { get; init; }

    /// <summary>page/offset: the query parameter carrying the page size, if the system takes one.</summary>
    public string? SizeParameter { get; init; }

    /// <summary>page/offset: items per page (1 .. 10000); a shorter page is the last.</summary>
    public int Size { get; init; } = 100;

    /// <summary>page: the first page's number (0 or 1).</summary>
    public int Start { get; init; } = 1;

    /// <summary>cursor: the path to the next cursor in the answer.</summary>
    public string? CursorPath { get; init; }

    /// <summary>nextLink: the path to the next page's URL in the answer (relative or absolute, same host).</summary>
    public string? NextLinkPath { get; init; }

    /// <summary>A guard against endless paging (1 .. 10000).</summary>
    public int MaxPages { get; init; } = 100;
}
