namespace Switchboard.Desktop.SignIn;

/// <summary>The desktop's sign-in form.</summary>
public sealed record SignInRequest(string? Username, string? Password);
