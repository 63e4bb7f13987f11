namespace Switchboard.Configuration;

/// <summary>How a vendor encodes the body it posts to a webhook.</summary>
public enum WebhookFormat
{
    /// <summary><c>application/json</c>; fields are read with dotted paths (<c>detail.agentInfo.agentArn</c>).</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c>; fields are read by parameter name (<c>CallSid</c>).</summary>
    Form,
}
