namespace Monitor.Worker.Storage.Sql;

/// <summary>One schema step. Versions only grow: add new steps at the end of a provider's list, never edit an applied one.</summary>
public sealed record Migration(int Version, string Name, string Sql);
