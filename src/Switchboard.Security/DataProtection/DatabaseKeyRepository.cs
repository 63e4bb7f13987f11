using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Switchboard.Storage;

namespace Switchboard.Security.DataProtection;

/// <summary>
/// Keeps the Data Protection key ring in the hub's database (<see cref="DataProtectionKeySchema"/>) instead of a
/// folder of the machine's user profile: every hub process sharing the database reads and writes the same keys, so
/// a desktop session signed in on one is valid on all, and the keys travel with the database's backups.
/// </summary>
/// <remarks>
/// Data Protection calls this synchronously and rarely (when the key ring is first loaded, refreshed about once a
/// day, when a cookie names a key it has not seen, and when it creates a key), so waiting on the database here holds
/// a thread only then. Keys are stored as Data Protection gives them: like the default file store on Linux, not
/// encrypted at rest; whoever can read the database can forge sessions, as they could read the accounts.
/// </remarks>
public sealed class DatabaseKeyRepository(IStorageProvider provider, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = provider.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var rows = connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        return [.. rows.Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        using var connection = provider.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        // A key's name is unique ("key-{guid}"); the same key stored twice keeps its first copy.
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @createdAt) ON CONFLICT (name) DO NOTHING",
            new { name = friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), createdAt = time.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
