namespace Comity.Replay;

/// <summary>How far a long task over recorded history has come: entries read of the entries it covers.</summary>
public readonly record struct WorkProgress(long Done, long Total);
