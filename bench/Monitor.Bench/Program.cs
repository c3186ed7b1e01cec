using Monitor.Bench;

return await BenchCommand.Create().Parse(args).InvokeAsync();
