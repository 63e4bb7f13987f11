namespace Switchboard.Demo.Crm.Activities;

/// <summary>
/// The outcome of logging a call: the activity, and whether an earlier request with the same
/// Idempotency-Key already created it. <see cref="KeyReused"/> means the key came with a different body.
/// </summary>
internal sealed record ActivityLogResult(CallActivity? Activity, bool Replayed, bool KeyReused);
