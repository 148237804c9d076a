using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Worker.Configuration;
using Monitor.Worker.Mail;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// Subscribers: list, add, edit the subscription, pause/resume, preview the next digest (rendered in a sandboxed frame:
/// no script, no same-origin access), and send a test email through the configured transport.
/// </summary>
internal static class SubscriberPages
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/subscribers", (HttpContext c, CancellationToken ct) => ListAsync(new AdminPage(c), null, ct));
        admin.MapGet("/subscribers/new", (HttpContext c) => Edit(new AdminPage(c), SubscriberForm.Empty(), new Dictionary<string, string>()));
        admin.MapGet("/subscribers/edit", async (HttpContext c, ISubscriberStore store, CancellationToken ct) =>
            await store.GetSubscriberAsync(c.Request.Query["email"].ToString(), ct) is { } s
                ? Edit(new AdminPage(c), SubscriberForm.From(s), new Dictionary<string, string>()) : Results.NotFound());
        admin.MapPost("/subscribers/save", SaveAsync);
        admin.MapPost("/subscribers/active", async (HttpContext c, ISubscriberStore store, CancellationToken ct) =>
        {
            var email = (await c.Request.ReadFormAsync(ct))["email"].ToString();
            if (await store.GetSubscriberAsync(email, ct) is not { } s) return Results.NotFound();
            await store.SetSubscriberActiveAsync(email, !s.Active, ct);
            var page = new AdminPage(c);
            return await ListAsync(page, s.Active ? page.T($"أُوقف {email} مؤقتاً.", $"{email} paused.") : page.T($"استؤنف {email}.", $"{email} resumed."), ct);
        });
        admin.MapGet("/subscribers/preview", PreviewAsync);
        admin.MapPost("/subscribers/test-email", TestEmailAsync);
    }

    private static async Task<IResult> ListAsync(AdminPage page, string? notice, CancellationToken ct)
    {
        var subscribers = await page.Context.RequestServices.GetRequiredService<ISubscriberStore>().ListSubscribersAsync(ct);
        var rows = new StringBuilder();
        foreach (var s in subscribers)
        {
            var q = AdminPage.Q(s.Email);
            rows.Append($"""
                <tr class="subscriber">
                <td dir="ltr"><a href="/admin/subscribers/edit?email={q}">{AdminPage.E(s.Email)}</a></td><td>{AdminPage.E(s.Name)}</td>
                <td>{AdminPage.E(s.Frequency)} ({AdminPage.E(s.TimeZone)})</td><td>{AdminPage.E(string.Join(", ", s.Topics.Concat(s.WatchLists)))}</td>
                <td>{(s.Active ? AdminPage.E(page.T("نشط", "active")) : $"<span class=\"muted\">{AdminPage.E(page.T("متوقف", "paused"))}</span>")}</td>
                <td>{AdminPage.When(s.LastDigestAt)}</td>
                <td><a href="/admin/subscribers/preview?email={q}">{AdminPage.E(page.T("معاينة الملخص", "Preview digest"))}</a>
                {page.Button("/admin/subscribers/active", s.Active ? page.T("إيقاف مؤقت", "Pause") : page.T("استئناف", "Resume"), ("email", s.Email))}
                {page.Button("/admin/subscribers/test-email", page.T("رسالة تجريبية", "Send test email"), ("email", s.Email))}</td>
                </tr>
                """);
        }
        return page.Render(page.T("المشتركون", "Subscribers"), $"""
            {(notice is null ? "" : $"<p class=\"notice\" id=\"notice\">{AdminPage.E(notice)}</p>")}
            <p><a href="/admin/subscribers/new" id="add-subscriber">{AdminPage.E(page.T("إضافة مشترك", "Add a subscriber"))}</a></p>
            <table id="subscribers"><thead><tr><th>Email</th><th>{AdminPage.E(page.T("الاسم", "Name"))}</th><th>{AdminPage.E(page.T("التواتر", "Frequency"))}</th>
            <th>{AdminPage.E(page.T("الاشتراكات", "Subscriptions"))}</th><th>{AdminPage.E(page.T("الحالة", "State"))}</th><th>{AdminPage.E(page.T("آخر ملخص", "Last digest"))}</th><th></th></tr></thead>
            <tbody>{rows}</tbody></table>
            """);
    }

    private static IResult Edit(AdminPage page, SubscriberForm f, IReadOnlyDictionary<string, string> errors, int status = StatusCodes.Status200OK)
    {
        string Field(string name, string label, string value, bool ltr = false, bool readOnly = false) => $"""
            <label for="{name}">{AdminPage.E(label)}</label>
            <input type="text" id="{name}" name="{name}" value="{AdminPage.E(value)}"{(ltr ? " dir=\"ltr\"" : "")}{(readOnly ? " readonly" : "")}>
            {AdminPage.FieldError(errors, name)}
            """;
        return page.Render(f.IsNew ? page.T("إضافة مشترك", "Add a subscriber") : page.T("تعديل الاشتراك", "Edit subscription"), $"""
            {(errors.Count > 0 ? $"<p class=\"problem\">{AdminPage.E(page.T("لم يُحفظ شيء: صحّح الحقول المعلّمة.", "Nothing was saved: fix the marked fields."))}</p>" : "")}
            <form method="post" action="/admin/subscribers/save" id="subscriber-form">{page.Csrf()}
            <input type="hidden" name="isNew" value="{(f.IsNew ? "true" : "false")}">
            {Field("email", page.T("البريد الإلكتروني", "Email"), f.Email, ltr: true, readOnly: !f.IsNew)}
            {Field("name", page.T("الاسم", "Name"), f.Name)}
            {Field("language", page.T("اللغة (ar أو en)", "Language (ar or en)"), f.Language, ltr: true)}
            {Field("timeZone", page.T("المنطقة الزمنية", "Time zone"), f.TimeZone, ltr: true)}
            {Field("frequency", page.T("التواتر: immediate أو hourly أو daily HH:MM أو weekly DAY HH:MM", "Frequency: immediate, hourly, daily HH:MM, weekly DAY HH:MM"), f.Frequency, ltr: true)}
            {Field("topics", page.T("المواضيع (مفصولة بفواصل؛ فارغ = الكل)", "Topics (comma-separated; empty = all)"), f.Topics, ltr: true)}
            {Field("watchLists", page.T("قوائم المتابعة", "Watch lists"), f.WatchLists, ltr: true)}
            {Field("mutedSources", page.T("مصادر مكتومة", "Muted sources"), f.MutedSources, ltr: true)}
            {Field("minSources", page.T("أقل عدد من المصادر", "Minimum sources"), f.MinSources, ltr: true)}
            <button type="submit" id="save-subscriber">{AdminPage.E(page.T("حفظ", "Save"))}</button>
            </form>
            """, status);
    }

    private static async Task<IResult> SaveAsync(HttpContext c, IMonitorStore store, TimeProvider clock, CancellationToken ct)
    {
        var page = new AdminPage(c);
        var form = SubscriberForm.Read(await c.Request.ReadFormAsync(ct));
        var (options, errors) = form.Validate(await store.ListSourcesAsync(ct));
        if (options is not null && form.IsNew && await store.GetSubscriberAsync(options.Email, ct) is not null)
            errors["email"] = $"\"{options.Email}\" is already subscribed";
        if (errors.Count > 0) return Edit(page, form, errors, StatusCodes.Status422UnprocessableEntity);
        await store.UpsertSubscriberAsync(StoreSeeder.ToRecord(options!, clock.GetUtcNow()), ct);
        return await ListAsync(page, page.T($"حُفظ اشتراك {options!.Email}.", $"Subscription of {options!.Email} saved."), ct);
    }

    private static async Task<IResult> PreviewAsync(HttpContext c, ISubscriberStore store, DigestBuilder digests, TimeProvider clock, CancellationToken ct)
    {
        var page = new AdminPage(c);
        if (await store.GetSubscriberAsync(c.Request.Query["email"].ToString(), ct) is not { } s) return Results.NotFound();
        var preview = await digests.PreviewAsync(s, clock.GetUtcNow(), ct);
        var body = preview is null
            ? $"<p class=\"notice\" id=\"no-digest\">{AdminPage.E(page.T("لا جديد لهذا المشترك: لن يُرسل ملخص الآن.", "Nothing new for this subscriber: no digest would be sent now."))}</p>"
            : $"""
              <p id="digest-subject">{AdminPage.E(page.T("الموضوع", "Subject"))}: <bdi>{AdminPage.E(preview.Rendered.Subject)}</bdi></p>
              <iframe class="preview" id="digest-preview" sandbox="" referrerpolicy="no-referrer" title="digest" srcdoc="{AdminPage.E(preview.Rendered.Html)}"></iframe>
              """;
        return page.Render(page.T($"معاينة ملخص {s.Email}", $"Digest preview for {s.Email}"), body);
    }

    private static async Task<IResult> TestEmailAsync(HttpContext c, ISubscriberStore store, DigestBuilder digests, IMailTransportFactory transports,
        UnsubscribeTokens tokens, IOptions<MonitorOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var page = new AdminPage(c);
        var email = (await c.Request.ReadFormAsync(ct))["email"].ToString();
        if (await store.GetSubscriberAsync(email, ct) is not { } s) return Results.NotFound();
        var now = clock.GetUtcNow();
        var mail = options.Value.Mail;
        // The digest as it would go now when there is one (nothing is recorded as delivered), else a short note.
        var preview = await digests.PreviewAsync(s, now, ct);
        var subject = preview?.Rendered.Subject is { } sub ? "[test] " + sub : "[test] Monitor / المرصد";
        var text = preview?.Rendered.Text ?? "رسالة تجريبية من المرصد.\nA test message from Monitor.";
        var html = preview?.Rendered.Html ?? "<p dir=\"rtl\">رسالة تجريبية من المرصد.</p><p>A test message from Monitor.</p>";
        var message = OutboxMessages.Build(mail, tokens, s, $"test:{s.Id}:{now.ToUnixTimeMilliseconds()}", subject, text, html, now);
        SendOutcome outcome;
        await using (var transport = transports.Create())
            outcome = await transport.SendAsync(new MailEnvelope(mail.FromAddress, message.Recipient, message.MessageId, message.Mime), ct);
        return await ListAsync(page, outcome is SendOutcome.Sent
            ? page.T($"أُرسلت رسالة تجريبية إلى {email}.", $"Test email sent to {email}.")
            : page.T($"تعذّر الإرسال إلى {email}: {outcome}", $"Sending to {email} failed: {outcome}"), ct);
    }
}
