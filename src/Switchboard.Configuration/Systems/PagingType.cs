namespace Switchboard.Configuration;

public enum PagingType
{
    /// <summary>A page number parameter (<c>page=1,2,…</c>), until a page comes back short or empty.</summary>
    Page,

    /// <summary>An offset parameter (<c>$skip=0,100,…</c>), until a page comes back short or empty.</summary>
    Offset,

    /// <summary>A cursor read from each answer (<see cref="PagingSettings.CursorPath"/>) and sent as a parameter, until it is absent.</summary>
    Cursor,

    /// <summary>A link to the next page read from each answer (OData <c>@odata.nextLink</c>), until it is absent.</summary>
    NextLink,
}
