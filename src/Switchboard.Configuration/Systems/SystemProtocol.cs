namespace Switchboard.Configuration;

/// <summary>How the hub talks to a system; decides what <see cref="SystemDefinition.Address"/> must be.</summary>
public enum SystemProtocol
{
    /// <summary>HTTP with JSON; the address is an absolute http(s) URI.</summary>
    Rest,

    /// <summary>HTTP with SOAP/XML; the address is an absolute http(s) URI.</summary>
    Soap,

    /// <summary>A message broker; the address is an amqp:// or amqps:// URI.</summary>
    Amqp,

    /// <summary>A SQL database; the address is a connection-string reference (${env:NAME} or ${file:PATH}).</summary>
    Sql,

    /// <summary>A file drop; the address is a folder (relative paths are taken from the configuration directory).</summary>
    File,

    /// <summary>The Asterisk Manager Interface; the address is tcp://host:port and auth is basic (the AMI user and secret).</summary>
    Ami,
}
