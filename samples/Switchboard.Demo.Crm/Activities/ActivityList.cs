namespace Switchboard.Demo.Crm.Activities;

/// <summary>The answer to GET /api/activities.</summary>
internal sealed record ActivityList(IReadOnlyList<CallActivity> Records, int TotalSize);
