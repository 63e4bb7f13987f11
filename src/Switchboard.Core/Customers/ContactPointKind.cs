namespace Switchboard.Core.Customers;

public enum ContactPointKind
{
    Phone,
    Email,
}
