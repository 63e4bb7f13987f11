namespace Switchboard.Configuration;

/// <summary>Binds the optional <c>delivery</c> section of switchboard.yaml: transport, broker, retry policy and window.</summary>
internal static class DeliverySettingsBinder
{
    public static readonly string[] Keys = ["transport", "rabbitmq", "retry", "window", "confirmedRetentionDays"];
    private static readonly string[] RabbitMqKeys = ["connectionString", "queuePrefix"];
    private static readonly string[] RetryKeys = ["maxAttempts", "baseDelayMs", "maxDelayMs"];

    public static DeliverySettings Bind(MappingReader? map, string directory)
    {
        var defaults = new DeliverySettings();
        if (map is null)
        {
            return defaults;
        }

        var transport = map.Enum("transport", YamlEnums.DeliveryTransports) ?? defaults.Transport;
        RabbitMqDeliverySettings? rabbitMq = null;
        var rabbitMap = map.Map("rabbitmq", RabbitMqKeys);
        if (rabbitMap is not null)
        {
            var connection = rabbitMap.Secret("connectionString", directory, required: true);
            var prefix = rabbitMap.String("queuePrefix")?.Trim();
            if (prefix is not null && (prefix.Length is 0 or > 100 || prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))))
            {
                rabbitMap.File.Report(rabbitMap.Value("queuePrefix"), rabbitMap.FieldPath("queuePrefix"), prefix,
                    "must be 1 to 100 letters, digits, '.', '-' or '_'");
                prefix = null;
            }

            rabbitMq = connection is null ? null : new RabbitMqDeliverySettings
            {
                ConnectionString = connection,
                QueuePrefix = prefix ?? "switchboard.delivery",
            };
        }
        else if (transport == DeliveryTransport.RabbitMq)
        {
            map.File.Report(map.Value("transport"), "delivery.rabbitmq.connectionString", null, "is required when delivery.transport is rabbitmq");
        }

        return new DeliverySettings
        {
            Transport = transport,
            RabbitMq = rabbitMq,
            Retry = BindRetry(map.Map("retry", RetryKeys)),
            Window = map.Int("window", 1, DeliverySettings.MaxWindow) ?? defaults.Window,
            ConfirmedRetentionDays = map.Int("confirmedRetentionDays", 1, 3650) ?? defaults.ConfirmedRetentionDays,
        };
    }

    private static DeliveryRetrySettings BindRetry(MappingReader? map)
    {
        var defaults = new DeliveryRetrySettings();
        if (map is null)
        {
            return defaults;
        }

        var baseDelay = map.Int("baseDelayMs", 1, DeliveryRetrySettings.MaxDelayLimitMs) ?? defaults.BaseDelayMs;
        var maxDelay = map.Int("maxDelayMs", 1, DeliveryRetrySettings.MaxDelayLimitMs) ?? Math.Max(defaults.MaxDelayMs, baseDelay);
        if (maxDelay < baseDelay)
        {
            map.File.Report(map.Value("maxDelayMs"), map.FieldPath("maxDelayMs"), maxDelay.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"is less than baseDelayMs ({baseDelay.ToString(System.Globalization.CultureInfo.InvariantCulture)}); the delay only grows from the base");
            maxDelay = baseDelay;
        }

        return new DeliveryRetrySettings
        {
            MaxAttempts = map.Int("maxAttempts", 1, DeliveryRetrySettings.MaxAttemptsLimit) ?? defaults.MaxAttempts,
            BaseDelayMs = baseDelay,
            MaxDelayMs = maxDelay,
        };
    }
}
