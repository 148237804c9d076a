using Microsoft.Extensions.Logging;
using Monitor.Worker.Configuration;

namespace Monitor.Worker.Mail;

/// <summary>Makes the configured transport: "smtp" or "pickup" (Monitor:Mail:Transport).</summary>
public sealed class MailTransportFactory : IMailTransportFactory
{
    private readonly MailOptions _options;
    private readonly string _pickupFolder;
    private readonly ILoggerFactory _loggers;
    private readonly SmtpSettings? _smtp;

    /// <param name="pickupFolder">Absolute folder for "pickup" (MonitorPaths.UnderData(options.PickupFolder)).</param>
    public MailTransportFactory(MailOptions options, string pickupFolder, ILoggerFactory loggers)
    {
        _options = options;
        _pickupFolder = pickupFolder;
        _loggers = loggers;
        _smtp = IsSmtp ? SmtpSettings.From(options) : null;
        if (!IsSmtp && !string.Equals(options.Transport, "pickup", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Monitor:Mail:Transport '{options.Transport}' is not one of smtp, pickup");
    }

    private bool IsSmtp => string.Equals(_options.Transport, "smtp", StringComparison.OrdinalIgnoreCase);

    public IMailTransport Create() => _smtp is not null
        ? new SmtpTransport(_smtp, _loggers.CreateLogger<SmtpTransport>())
        : new PickupFolderTransport(_pickupFolder);
}
