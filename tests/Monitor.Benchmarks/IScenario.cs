namespace Monitor.Benchmarks;

/// <summary>One named benchmark or evaluation. Implementations are found by reflection: add a class, nothing else.</summary>
public interface IScenario
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(string[] args, CancellationToken ct);
}
