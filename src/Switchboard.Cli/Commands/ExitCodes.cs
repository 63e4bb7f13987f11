namespace Switchboard.Cli.Commands;

public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The configuration directory holds errors.</summary>
    public const int InvalidConfiguration = 2;
    /// <summary>The command ran but what it was asked to do could not be done (e.g. revoke an unknown key).</summary>
    public const int Failed = 1;
}
