using Microsoft.Extensions.Logging;
using Switchboard.Mapping;

namespace Switchboard.Configuration;

/// <summary>How each enum of the configuration is spelt in YAML.</summary>
internal static class YamlEnums
{
    public static readonly EnumNames<RolloutMode> Modes = new(
        ("off", RolloutMode.Off), ("shadow", RolloutMode.Shadow), ("pilot", RolloutMode.Pilot), ("on", RolloutMode.On));

    public static readonly EnumNames<SystemKind> Kinds = new(
        ("crm", SystemKind.Crm), ("erp", SystemKind.Erp), ("ticketing", SystemKind.Ticketing),
        ("contactCenter", SystemKind.ContactCenter), ("other", SystemKind.Other));

    public static readonly EnumNames<SystemProtocol> Protocols = new(
        ("rest", SystemProtocol.Rest), ("soap", SystemProtocol.Soap), ("amqp", SystemProtocol.Amqp),
        ("sql", SystemProtocol.Sql), ("file", SystemProtocol.File), ("ami", SystemProtocol.Ami));

    public static readonly EnumNames<AuthType> AuthTypes = new(
        ("none", AuthType.None), ("apiKey", AuthType.ApiKey), ("basic", AuthType.Basic),
        ("oauth2", AuthType.OAuth2), ("mtls", AuthType.Mtls), ("custom", AuthType.Custom));

    public static readonly EnumNames<ApiKeyLocation> ApiKeyLocations = new(("header", ApiKeyLocation.Header), ("query", ApiKeyLocation.Query));

    public static readonly EnumNames<SoapVersion> SoapVersions = new(("1.1", SoapVersion.Soap11), ("1.2", SoapVersion.Soap12));

    public static readonly EnumNames<StatusOutcome> StatusOutcomes = new(
        ("success", StatusOutcome.Success), ("noMatch", StatusOutcome.NoMatch), ("conflict", StatusOutcome.Conflict),
        ("retry", StatusOutcome.Retry), ("fail", StatusOutcome.Fail));

    public static readonly EnumNames<PagingType> PagingTypes = new(
        ("page", PagingType.Page), ("offset", PagingType.Offset), ("cursor", PagingType.Cursor), ("nextLink", PagingType.NextLink));

    public static readonly EnumNames<FileFormat> FileFormats = new(("csv", FileFormat.Csv), ("jsonLines", FileFormat.JsonLines));

    public static readonly EnumNames<ResponseFormat> ResponseFormats = new(
        ("auto", ResponseFormat.Auto), ("json", ResponseFormat.Json), ("xml", ResponseFormat.Xml));

    public static readonly EnumNames<ValueKind> ValueKinds = new(
        ("auto", ValueKind.Auto), ("string", ValueKind.String), ("integer", ValueKind.Integer), ("decimal", ValueKind.Decimal),
        ("boolean", ValueKind.Boolean), ("dateTime", ValueKind.DateTime), ("date", ValueKind.Date), ("phone", ValueKind.Phone));

    public static readonly EnumNames<OperationMethod> Methods = new(
        ("GET", OperationMethod.Get), ("POST", OperationMethod.Post), ("PUT", OperationMethod.Put),
        ("PATCH", OperationMethod.Patch), ("DELETE", OperationMethod.Delete));

    public static readonly EnumNames<Capability> Capabilities = new(
        ("screenPop", Capability.ScreenPop), ("callLogging", Capability.CallLogging), ("orderCapture", Capability.OrderCapture),
        ("ticketing", Capability.Ticketing), ("customerSync", Capability.CustomerSync));

    public static readonly EnumNames<StorageProvider> Providers = new(
        ("sqlite", StorageProvider.Sqlite), ("postgresql", StorageProvider.Postgresql));

    public static readonly EnumNames<DeliveryTransport> DeliveryTransports = new(
        ("embedded", DeliveryTransport.Embedded), ("rabbitmq", DeliveryTransport.RabbitMq));

    public static readonly EnumNames<StorageDurability> Durabilities = new(
        ("process", StorageDurability.Process), ("power", StorageDurability.Power));

    public static readonly EnumNames<LogLevel> LogLevels = new(
        ("Trace", LogLevel.Trace), ("Debug", LogLevel.Debug), ("Information", LogLevel.Information),
        ("Warning", LogLevel.Warning), ("Error", LogLevel.Error), ("Critical", LogLevel.Critical));

    public static readonly EnumNames<LogFormat> LogFormats = new(("json", LogFormat.Json), ("text", LogFormat.Text));
}
