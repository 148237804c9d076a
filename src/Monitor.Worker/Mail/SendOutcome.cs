namespace Monitor.Worker.Mail;

/// <summary>
/// What happened to one message at one transport, as a value. <see cref="Code"/> is the SMTP reply code, or
/// <see cref="NoReply"/> when the server never answered (refused connection, timeout, dropped connection).
/// </summary>
public abstract record SendOutcome
{
    public const int NoReply = 0;

    private SendOutcome() { }

    /// <summary>The server answered 250 to the end of DATA: it has the message.</summary>
    public sealed record Sent : SendOutcome;

    /// <summary>4xx or a network failure: try again later.</summary>
    public sealed record TemporaryFailure(int Code, string Message) : SendOutcome;

    /// <summary>5xx: this message to this recipient will never be accepted as it is.</summary>
    public sealed record PermanentFailure(int Code, string Message) : SendOutcome;

    public static SendOutcome Success { get; } = new Sent();

    /// <summary>Classifies an SMTP reply that is not the expected success.</summary>
    public static SendOutcome FromReply(int code, string message) =>
        code is >= 500 and < 600 ? new PermanentFailure(code, message) : new TemporaryFailure(code, message);

    public override string ToString() => this switch
    {
        Sent => "sent",
        TemporaryFailure t => $"temporary failure {t.Code}: {t.Message}",
        PermanentFailure p => $"permanent failure {p.Code}: {p.Message}",
        _ => GetType().Name,
    };
}
