namespace Monitor.Hosting;

/// <summary>`serve` must not start; the message says why and what to do. The command prints it and exits non-zero.</summary>
public sealed class StartRefusedException(string message, Exception? inner = null) : Exception(message, inner);
