using Monitor.Benchmarks;

// Named scenarios: `dotnet run -c Release --project tests/Monitor.Benchmarks -- <scenario> [options]`.
// Each scenario prints a table and writes JSON under artifacts/benchmarks/.
return await ScenarioRunner.RunAsync(args);
