using System.Security.Cryptography;
using System.Text;

namespace Monitor.Worker.Mail;

/// <summary>
/// "Delivers" by writing each message as an .eml file for a local mail system (or a person) to pick up. The file is
/// written to a temporary name in the same folder and then moved into place, so a reader never sees half a message.
/// The bytes are exactly the message (no X-Sender/X-Receiver lines: envelope recipients never leak into the file),
/// and the file name comes from the Message-ID and recipient, so a resend overwrites instead of duplicating.
/// </summary>
public sealed class PickupFolderTransport : IMailTransport
{
    private readonly string _folder;

    public PickupFolderTransport(string folder)
    {
        _folder = Path.GetFullPath(folder);
    }

    public string Folder => _folder;

    /// <summary>The file a message goes to: stable for the same Message-ID and recipient.</summary>
    public string PathFor(MailEnvelope mail) => Path.Combine(_folder, FileNameFor(mail) + ".eml");

    public async Task<SendOutcome> SendAsync(MailEnvelope mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var target = PathFor(mail);
        var temp = Path.Combine(_folder, "." + Path.GetFileNameWithoutExtension(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            Directory.CreateDirectory(_folder);
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(mail.Message, ct);
                // Flushed to disk before the rename, so the name never points at a file a crash could truncate.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
            return SendOutcome.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            // A full disk or a permission problem can be fixed by the operator: retry later, do not drop the digest.
            return new SendOutcome.TemporaryFailure(SendOutcome.NoReply, $"cannot write {target}: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            TryDelete(temp);
            throw;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The Message-ID's left part when it is file-name safe, else its hash; plus a hash of the recipient.</summary>
    private static string FileNameFor(MailEnvelope mail)
    {
        var id = mail.MessageId.Trim('<', '>');
        var left = id.Split('@')[0];
        var safe = left.Trim('.').Length is > 0 and <= 64 && left.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? left.TrimStart('.')
            : Hex(id, 16);
        return $"{safe}-{Hex(mail.Recipient.ToLowerInvariant(), 4)}";
    }

    private static string Hex(string text, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
