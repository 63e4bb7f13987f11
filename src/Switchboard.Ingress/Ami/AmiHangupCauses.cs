namespace Switchboard.Ingress.Ami;

/// <summary>Q.850 hang-up causes (Asterisk's <c>Cause</c>) as the hub's end reasons.</summary>
internal static class AmiHangupCauses
{
    public static string Reason(int? cause, bool answered) => cause switch
    {
        17 => "busy",
        18 or 19 or 20 => "no-answer",
        // 16 Normal Clearing; 0 Unknown is what a Local leg shows when its partner ended first; 31 Normal, unspecified.
        null or 0 or 16 or 31 => answered ? "completed" : "abandoned",
        _ => answered ? "completed" : "failed",
    };
}
