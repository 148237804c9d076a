namespace Monitor.Worker.Mail;

/// <summary>One SMTP reply: the code and the text of all its lines (joined with spaces).</summary>
internal readonly record struct SmtpReply(int Code, string Text)
{
    public bool IsPositiveCompletion => Code is >= 200 and < 300;

    /// <summary>421: the server is closing the connection; nothing more can be sent on it.</summary>
    public bool ClosesConnection => Code == 421;

    public override string ToString() => $"{Code} {Text}";
}

/// <summary>The connection broke, timed out, or the server spoke something that is not SMTP.</summary>
internal sealed class SmtpConnectionException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>The server refused a step of setting up the session (greeting, EHLO, STARTTLS, AUTH).</summary>
internal sealed class SmtpSessionException(SmtpReply reply, string step)
    : Exception($"{step} refused: {reply}")
{
    public SmtpReply Reply { get; } = reply;
}
