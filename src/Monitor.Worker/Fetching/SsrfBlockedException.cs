namespace Monitor.Worker.Fetching;

/// <summary>Thrown inside the connect callback to abort a connection the SSRF guard refuses; turned into <see cref="FetchErrorKind.Blocked"/>.</summary>
public sealed class SsrfBlockedException(string message) : Exception(message);
