namespace Switchboard.Configuration;

/// <summary>Binds an operation's <c>paging</c>: the fields its type needs, and no others.</summary>
internal static class PagingBinder
{
    public static readonly string[] Keys = ["type", "parameter", "sizeParameter", "size", "start", "cursorPath", "nextLinkPath", "maxPages"];

    private const int MaxSize = 10_000;

    private static readonly Dictionary<PagingType, string[]> FieldsByType = new()
    {
        [PagingType.Page] = ["parameter", "sizeParameter", "size", "start", "maxPages"],
        [PagingType.Offset] = ["parameter", "sizeParameter", "size", "maxPages"],
        [PagingType.Cursor] = ["parameter", "cursorPath", "sizeParameter", "size", "maxPages"],
        [PagingType.NextLink] = ["nextLinkPath", "maxPages"],
    };

    private static readonly Dictionary<PagingType, string[]> RequiredByType = new()
    {
        [PagingType.Page] = ["parameter"],
        [PagingType.Offset] = ["parameter"],
        [PagingType.Cursor] = ["parameter", "cursorPath"],
        [PagingType.NextLink] = ["nextLinkPath"],
    };

    public static PagingSettings? Bind(MappingReader? map, PathSyntax paths)
    {
        if (map is null || map.Enum("type", YamlEnums.PagingTypes, required: true) is not { } type)
        {
            return null;
        }

        var name = YamlEnums.PagingTypes.NameOf(type);
        var used = FieldsByType[type];
        foreach (var key in Keys.Skip(1).Where(key => map.Has(key) && !used.Contains(key)))
        {
            map.File.Report(map.KeyOrMapping(key), map.FieldPath(key), null,
                $"is not used by paging type {name} (it uses {string.Join(", ", used)})");
        }

        foreach (var key in RequiredByType[type].Where(key => !map.Has(key)))
        {
            map.ReportMissing(key, $"is required for paging type {name}");
        }

        var defaults = new PagingSettings { Type = type };
        return new PagingSettings
        {
            Type = type,
            Parameter = Used(map, used, "parameter") ? map.String("parameter")?.Trim() : null,
            SizeParameter = Used(map, used, "sizeParameter") ? map.String("sizeParameter")?.Trim() : null,
            Size = (Used(map, used, "size") ? map.Int("size", 1, MaxSize) : null) ?? defaults.Size,
            Start = (Used(map, used, "start") ? map.Int("start", 0, 1) : null) ?? defaults.Start,
            CursorPath = Used(map, used, "cursorPath") ? MappingSyntaxCheck.Path(map, "cursorPath", paths) : null,
            NextLinkPath = Used(map, used, "nextLinkPath") ? MappingSyntaxCheck.Path(map, "nextLinkPath", paths) : null,
            MaxPages = map.Int("maxPages", 1, PagingSettings.MaxPagesLimit) ?? defaults.MaxPages,
        };
    }

    private static bool Used(MappingReader map, string[] used, string key) => used.Contains(key) && map.Has(key);
}
