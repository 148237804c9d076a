using Monitor.Worker.Cli;

// One executable for the service and the operators' commands; `run` is the default.
// The table of contents of the service is Cli/MonitorCli.cs (commands) and Hosting/ (what each one wires up).
Monitor.Worker.Hosting.StartupTrace.Mark("main");
var exit = await MonitorCli.RunAsync(args);
Monitor.Worker.Hosting.StartupTrace.Mark("exit");
return exit;
