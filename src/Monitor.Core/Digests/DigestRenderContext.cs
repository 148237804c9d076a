namespace Monitor.Core.Digests;

/// <summary>What the renderer needs from the host: the subscriber's signed unsubscribe URL, an optional manage URL, the service's name.</summary>
public sealed record DigestRenderContext(string UnsubscribeUrl, string? ManageUrl, string ServiceName);

/// <summary>A digest ready for a MIME builder: one-line subject, preheader, HTML and plain-text bodies.</summary>
public sealed record RenderedDigest(string Subject, string Preheader, string Html, string Text);
