using System.Text.Json.Serialization;

namespace Switchboard.ScreenPop;

/// <summary>Where one lookup of a pop stands.</summary>
/// <remarks>Written as its name in JSON (<c>"Single"</c>), whatever the serializer options.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<PopSourceState>))]
public enum PopSourceState
{
    Pending,

    /// <summary>The system answered with data.</summary>
    Answered,

    /// <summary>The system answered that it has nothing.</summary>
    NoMatch,

    /// <summary>The call failed or took longer than its timeout; <see cref="PopSource.Reason"/> says which.</summary>
    Unavailable,
}
