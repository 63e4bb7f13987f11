namespace Switchboard.Configuration;

/// <summary>The HTTP method of an operation's request; written upper case in YAML.</summary>
public enum OperationMethod
{
    Get,
    Post,
    Put,
    Patch,
    Delete,
}
