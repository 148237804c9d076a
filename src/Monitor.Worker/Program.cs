using Monitor.Worker.Cli;

// One executable for the service and the operators' commands; `run` is the default.
// The table of contents of the service is Cli/MonitorCli.cs (commands) and Hosting/ (what each one wires up).
return await MonitorCli.RunAsync(args);
