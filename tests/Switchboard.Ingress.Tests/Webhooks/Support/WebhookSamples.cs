using System.Runtime.CompilerServices;

namespace Switchboard.Ingress.Tests.Webhooks.Support;

/// <summary>Reads the vendor payloads in Webhooks/Samples and the shipped configurations in samples/webhooks, from the source tree.</summary>
public static class WebhookSamples
{
    public static string Payload(string fileName) => File.ReadAllText(Path.Combine(SamplesFolder(), fileName));

    /// <summary>A file of the repository's samples/webhooks/ folder (twilio.yaml, amazon-connect.yaml).</summary>
    public static string ShippedConfiguration(string fileName) =>
        File.ReadAllText(Path.Combine(SamplesFolder(), "..", "..", "..", "..", "samples", "webhooks", fileName));

    private static string SamplesFolder([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(source)!)!, "Samples");
}
