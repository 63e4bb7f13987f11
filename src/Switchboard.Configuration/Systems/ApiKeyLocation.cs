namespace Switchboard.Configuration;

public enum ApiKeyLocation
{
    Header,
    Query,
}
