using System.Text;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>The outbox: pending, sending, sent and failed messages with their reasons; a failed one can be retried.</summary>
internal static class OutboxPages
{
    public const int Shown = 200;

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/outbox", (HttpContext c, CancellationToken ct) => ListAsync(new AdminPage(c), null, ct));
        admin.MapPost("/outbox/{id:long}/retry", async (HttpContext c, long id, IOutboxStore store, TimeProvider clock, CancellationToken ct) =>
        {
            var page = new AdminPage(c);
            var requeued = await store.RequeueAsync(id, clock.GetUtcNow(), ct);
            return await ListAsync(page, requeued
                ? page.T($"أُعيدت الرسالة {id} إلى الانتظار.", $"Message {id} is pending again.")
                : page.T($"الرسالة {id} ليست فاشلة: لا شيء لإعادته.", $"Message {id} is not failed: nothing to retry."), ct);
        });
    }

    private static async Task<IResult> ListAsync(AdminPage page, string? notice, CancellationToken ct)
    {
        var asked = page.Context.Request.Query["state"].ToString();
        OutboxState? state = Enum.TryParse<OutboxState>(asked, ignoreCase: true, out var parsed) ? parsed : null;
        var messages = await page.Context.RequestServices.GetRequiredService<IOutboxStore>().ListOutboxAsync(state, Shown, ct);
        var rows = new StringBuilder();
        foreach (var m in messages)
            rows.Append($"""
                <tr class="message state-{m.State.ToString().ToLowerInvariant()}"><td>{m.Id}</td><td dir="ltr">{AdminPage.E(m.Recipient)}</td><td dir="auto">{AdminPage.E(m.Subject)}</td>
                <td>{AdminPage.E(m.State.ToString())}</td><td>{m.Attempts}</td><td>{AdminPage.When(m.CreatedAt)}</td><td>{AdminPage.When(m.SentAt)}</td>
                <td>{AdminPage.E(m.LastError)}</td>
                <td>{(m.State == OutboxState.Failed ? page.Button($"/admin/outbox/{m.Id}/retry", page.T("أعد المحاولة", "Retry")) : "")}</td></tr>
                """);
        var filters = string.Join(" · ", new[] { "", "pending", "sending", "sent", "failed" }.Select(s =>
            $"<a href=\"/admin/outbox{(s.Length == 0 ? "" : "?state=" + s)}\">{AdminPage.E(s.Length == 0 ? page.T("الكل", "all") : s)}</a>"));
        return page.Render(page.T("صندوق الإرسال", "Outbox"), $"""
            {(notice is null ? "" : $"<p class=\"notice\" id=\"notice\">{AdminPage.E(notice)}</p>")}
            <p>{filters}</p>
            <table id="outbox"><thead><tr><th>#</th><th>{AdminPage.E(page.T("إلى", "To"))}</th><th>{AdminPage.E(page.T("الموضوع", "Subject"))}</th>
            <th>{AdminPage.E(page.T("الحالة", "State"))}</th><th>{AdminPage.E(page.T("محاولات", "Attempts"))}</th><th>{AdminPage.E(page.T("أُنشئت", "Created"))}</th>
            <th>{AdminPage.E(page.T("أُرسلت", "Sent"))}</th><th>{AdminPage.E(page.T("السبب", "Reason"))}</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>
            """);
    }
}
