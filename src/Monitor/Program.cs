using Monitor.Cli;

return await MonitorCommands.Root().Parse(args).InvokeAsync();
