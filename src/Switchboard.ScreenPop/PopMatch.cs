using System.Text.Json.Serialization;

namespace Switchboard.ScreenPop;

/// <summary>How far the pop got in telling who is calling.</summary>
/// <remarks>Written as its name in JSON (<c>"Single"</c>), whatever the serializer options.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<PopMatch>))]
public enum PopMatch
{
    /// <summary>Lookups are still under way.</summary>
    Searching,

    /// <summary>One customer: <see cref="ScreenPopView.Customer"/> is filled.</summary>
    Single,

    /// <summary>Several customers share the number: the agent picks one of <see cref="ScreenPopView.Candidates"/>.</summary>
    Multiple,

    /// <summary>Nobody is known by this number or IVR data: offer to create the customer.</summary>
    None,
}
