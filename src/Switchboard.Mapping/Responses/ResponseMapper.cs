using System.Globalization;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Switchboard.Core.Phones;
using Switchboard.Mapping.Validation;

namespace Switchboard.Mapping.Responses;

/// <summary>
/// Maps a response onto canonical records as a <see cref="ResponseMapping"/> says: one record per
/// item (or one for the whole document), each field read by its path, looked up in its map,
/// defaulted and converted to its type. Missing optional fields are left out of the record; a
/// value that does not fit throws a <see cref="MappingException"/> naming the field and the value.
/// </summary>
public sealed class ResponseMapper
{
    private readonly ValueConverter _converter;

    public ResponseMapper(PhoneNormalizer phones)
    {
        ArgumentNullException.ThrowIfNull(phones);
        _converter = new ValueConverter(phones);
    }

    /// <summary>
    /// The records in <paramref name="document"/>: one per match of <see cref="ResponseMapping.Items"/>,
    /// or exactly one from the root when it is null (none for an empty body or a JSON null).
    /// </summary>
    /// <exception cref="MappingException">A value does not fit its field.</exception>
    public IReadOnlyList<JsonObject> Map(ResponseMapping mapping, ResponseDocument document)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(document);
        if (document.IsEmpty)
        {
            return [];
        }

        var root = document.Xml is { } xml
            ? MappingSource.ForXml(xml, XPathNamespaces.Create(mapping.Namespaces, xml.NameTable))
            : MappingSource.ForJson(document.Json!);

        if (mapping.Items is null)
        {
            return [MapObject(mapping.Fields, root, prefix: string.Empty, item: null)];
        }

        IReadOnlyList<MappingSource> items;
        try
        {
            items = root.SelectItems(mapping.Items);
        }
        catch (PathException ex)
        {
            throw new MappingException("items", null, ex.Message, ex);
        }

        var records = new List<JsonObject>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            records.Add(MapObject(mapping.Fields, items[i], prefix: string.Empty, item: i));
        }

        return records;
    }

    private JsonObject MapObject(IReadOnlyDictionary<string, FieldMapping> fields, MappingSource source, string prefix, int? item)
    {
        var record = new JsonObject();
        foreach (var (name, field) in fields)
        {
            if (MapField(field, source, prefix + name, item) is { } value)
            {
                record[name] = value;
            }
        }

        return record;
    }

    private JsonNode? MapField(FieldMapping field, MappingSource source, string name, int? item)
    {
        try
        {
            if (field.IsList)
            {
                return MapList(field, source, name, item);
            }

            if (field.IsObject)
            {
                var target = field.Path is null ? source : source.SelectItems(field.Path).FirstOrDefault();
                if (target is null)
                {
                    return field.Required ? throw Required(field.Path!, name, item) : null;
                }

                return MapObject(field.Fields!, target, name + ".", item);
            }

            return MapValue(field, field.Path is null ? null : source.SelectValue(field.Path), name, item);
        }
        catch (PathException ex)
        {
            throw new MappingException(name, null, ex.Message + InItem(item), ex);
        }
    }

    private JsonArray MapList(FieldMapping field, MappingSource source, string name, int? item)
    {
        var elements = source.SelectItems(field.Items!);
        if (elements.Count == 0 && field.Required)
        {
            throw Required(field.Items!, name, item);
        }

        var list = new JsonArray();
        for (var i = 0; i < elements.Count; i++)
        {
            var elementName = name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            var element = field.Fields is null
                ? MapValue(field with { Required = false }, elements[i].Value, elementName, item)
                : MapObject(field.Fields, elements[i], elementName + ".", item);
            if (element is not null)
            {
                list.Add(element);
            }
        }

        return list;
    }

    private JsonNode? MapValue(FieldMapping field, JToken? found, string name, int? item)
    {
        if (!ValueConverter.IsNone(field, found))
        {
            var mapped = field.Map is null ? found! : ApplyMap(field, found!, name, item);
            if (Convert(field, mapped, name, item) is { } value)
            {
                return value;
            }
        }

        // The default is written in canonical terms, so it is converted but not looked up in the map.
        if (field.Default is not null)
        {
            return Convert(field, new JValue(field.Default), name, item);
        }

        return field.Required ? throw Required(field.Path ?? "(no path)", name, item) : null;
    }

    private JsonNode? Convert(FieldMapping field, JToken value, string name, int? item)
    {
        try
        {
            return _converter.Convert(field, value);
        }
        catch (ConversionException ex)
        {
            throw new MappingException(name, ResponseDocument.TokenText(value), ex.Message + InItem(item), ex);
        }
    }

    private static JToken ApplyMap(FieldMapping field, JToken found, string name, int? item)
    {
        var text = ResponseDocument.TokenText(found);
        foreach (var (key, canonical) in field.Map!)
        {
            if (string.Equals(key, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return new JValue(canonical);
            }
        }

        return field.MapOther switch
        {
            "*" => found,
            { } other => new JValue(other),
            null => throw new MappingException(
                name,
                text,
                $"is not one of {string.Join(", ", field.Map.Keys)} (the values listed under map)" + InItem(item)),
        };
    }

    private static MappingException Required(string path, string name, int? item) =>
        new(name, null, $"is required but the response has no value at {path}" + InItem(item));

    private static string InItem(int? item) =>
        item is { } index ? " in item " + index.ToString(CultureInfo.InvariantCulture) : string.Empty;
}
