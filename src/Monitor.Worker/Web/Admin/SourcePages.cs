using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Worker.Cli;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// Sources: health at a glance (last success, last error, failures in a row, items per day from the fetch log), add,
/// edit, pause/resume, poll now, and a test-fetch that shows the same report as <c>feed test</c>. Changes go to the
/// store; the scheduler picks them up at its next sync (every minute).
/// </summary>
internal static class SourcePages
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/sources", (HttpContext c, CancellationToken ct) => ListAsync(new AdminPage(c), null, ct));
        admin.MapGet("/sources/new", (HttpContext c) => Edit(new AdminPage(c), SourceForm.Empty(), new Dictionary<string, string>()));
        admin.MapGet("/sources/{id}/edit", async (HttpContext c, string id, ISourceStore store, CancellationToken ct) =>
            await store.GetSourceAsync(id, ct) is { } source ? Edit(new AdminPage(c), SourceForm.From(source), new Dictionary<string, string>()) : Results.NotFound());
        admin.MapPost("/sources/save", SaveAsync);
        admin.MapPost("/sources/{id}/enabled", async (HttpContext c, string id, ISourceStore store, CancellationToken ct) =>
        {
            if (await store.GetSourceAsync(id, ct) is not { } source) return Results.NotFound();
            await store.UpsertSourcesAsync([source with { Enabled = !source.Enabled }], ct);
            var page = new AdminPage(c);
            return await ListAsync(page, source.Enabled ? page.T($"أُوقف المصدر {id} مؤقتاً.", $"Source {id} paused.") : page.T($"استؤنف المصدر {id}.", $"Source {id} resumed."), ct);
        });
        admin.MapPost("/sources/{id}/poll", async (HttpContext c, string id, SourcePoller poller, CancellationToken ct) =>
        {
            var outcome = await poller.PollAsync(id, PollMode.Forced, ct);
            return await ListAsync(new AdminPage(c), outcome.ToString(), ct);
        });
        admin.MapPost("/sources/test", TestAsync);
    }

    private static async Task<IResult> ListAsync(AdminPage page, string? notice, CancellationToken ct)
    {
        var services = page.Context.RequestServices;
        var sources = await services.GetRequiredService<ISourceStore>().ListSourcesAsync(ct);
        var log = services.GetRequiredService<IStoreMaintenance>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var unhealthyAfter = services.GetRequiredService<IOptions<MonitorOptions>>().Value.Fetch.UnhealthyAfterFailures;
        var rows = new StringBuilder();
        foreach (var s in sources)
        {
            var perDay = ItemsPerDay(await log.GetFetchLogAsync(s.Id, IStoreMaintenance.FetchLogLimit, ct), now);
            var state = !s.Enabled ? $"<span class=\"muted\">{AdminPage.E(page.T("متوقف", "paused"))}</span>"
                : s.ConsecutiveFailures >= unhealthyAfter ? $"<span class=\"bad\">{AdminPage.E(page.T("معطّل", "unhealthy"))}</span>"
                : s.ConsecutiveFailures > 0 ? $"<span class=\"bad\">{AdminPage.E(page.T("يفشل", "failing"))}</span>"
                : s.LastSuccessAt is null ? $"<span class=\"muted\">{AdminPage.E(page.T("لم يُجلب بعد", "not polled yet"))}</span>"
                : $"<span class=\"ok\">{AdminPage.E(page.T("سليم", "ok"))}</span>";
            rows.Append($"""
                <tr id="source-{AdminPage.E(s.Id)}">
                <td><a href="/admin/sources/{AdminPage.Q(s.Id)}/edit">{AdminPage.E(s.Id)}</a><br><span class="muted">{AdminPage.E(s.Name)}</span></td>
                <td dir="ltr">{AdminPage.E(s.Url)}</td>
                <td class="state">{state}</td>
                <td class="last-success">{AdminPage.When(s.LastSuccessAt)}</td>
                <td class="failures">{s.ConsecutiveFailures}</td>
                <td class="last-error">{AdminPage.E(s.LastError)}</td>
                <td class="per-day">{perDay}</td>
                <td>{page.Button($"/admin/sources/{AdminPage.Q(s.Id)}/poll", page.T("اجلب الآن", "Poll now"))}
                {page.Button($"/admin/sources/{AdminPage.Q(s.Id)}/enabled", s.Enabled ? page.T("إيقاف مؤقت", "Pause") : page.T("استئناف", "Resume"))}</td>
                </tr>
                """);
        }
        return page.Render(page.T("المصادر", "Sources"), $"""
            {(notice is null ? "" : $"<p class=\"notice\" id=\"notice\">{AdminPage.E(notice)}</p>")}
            <p><a href="/admin/sources/new" id="add-source">{AdminPage.E(page.T("إضافة مصدر", "Add a source"))}</a></p>
            <table id="sources"><thead><tr>
            <th>{AdminPage.E(page.T("المصدر", "Source"))}</th><th>URL</th><th>{AdminPage.E(page.T("الحالة", "State"))}</th>
            <th>{AdminPage.E(page.T("آخر نجاح", "Last success"))}</th><th>{AdminPage.E(page.T("إخفاقات متتالية", "Failures in a row"))}</th>
            <th>{AdminPage.E(page.T("آخر خطأ", "Last error"))}</th><th>{AdminPage.E(page.T("مواد في اليوم", "Items per day"))}</th><th></th>
            </tr></thead><tbody>{rows}</tbody></table>
            <h2>{AdminPage.E(page.T("تجربة جلب", "Test-fetch"))}</h2>
            <form method="post" action="/admin/sources/test">{page.Csrf()}
            <label for="test-url">URL</label><input type="url" id="test-url" name="url" dir="ltr" required>
            <label for="test-selectors">{AdminPage.E(page.T("محددات HTML (اختياري)", "HTML selectors (optional)"))}: item|title|link[|date[|summary]]</label>
            <input type="text" id="test-selectors" name="selectors" dir="ltr">
            <button type="submit" id="test-fetch">{AdminPage.E(page.T("جرّب", "Test"))}</button></form>
            """);
    }

    /// <summary>New items per day over the last week of the fetch log (fewer days when the source is younger).</summary>
    internal static string ItemsPerDay(IReadOnlyList<FetchLogEntry> log, DateTimeOffset now)
    {
        var recent = log.Where(e => e.At >= now.AddDays(-7)).ToList();
        if (recent.Count == 0) return "—";
        var days = Math.Clamp((now - recent.Min(e => e.At)).TotalDays, 1, 7);
        return (recent.Sum(e => e.NewItems) / days).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IResult Edit(AdminPage page, SourceForm f, IReadOnlyDictionary<string, string> errors, int status = StatusCodes.Status200OK)
    {
        string Field(string name, string label, string value, string type = "text", bool readOnly = false) => $"""
            <label for="{name}">{AdminPage.E(label)}</label>
            <input type="{type}" id="{name}" name="{name}" value="{AdminPage.E(value)}"{(readOnly ? " readonly" : "")}{(type is "url" or "text" && name is "url" or "id" or "selectors" or "timeZone" ? " dir=\"ltr\"" : "")}>
            {AdminPage.FieldError(errors, name)}
            """;
        var title = f.IsNew ? page.T("إضافة مصدر", "Add a source") : page.T($"تعديل المصدر {f.Id}", $"Edit source {f.Id}");
        return page.Render(title, $"""
            {(errors.Count > 0 ? $"<p class=\"problem\">{AdminPage.E(page.T("لم يُحفظ شيء: صحّح الحقول المعلّمة.", "Nothing was saved: fix the marked fields."))}</p>" : "")}
            <form method="post" action="/admin/sources/save" id="source-form">{page.Csrf()}
            <input type="hidden" name="isNew" value="{(f.IsNew ? "true" : "false")}">
            {Field("id", page.T("المعرّف (a-z, 0-9, -, _)", "Id (a-z, 0-9, -, _)"), f.Id, readOnly: !f.IsNew)}
            {Field("name", page.T("الاسم", "Name"), f.Name)}
            {Field("url", "URL", f.Url, "url")}
            <label for="type">{AdminPage.E(page.T("النوع", "Type"))}</label>
            <select id="type" name="type"><option value="feed"{(f.Type == "feed" ? " selected" : "")}>feed</option><option value="html"{(f.Type == "html" ? " selected" : "")}>html</option></select>
            {AdminPage.FieldError(errors, "type")}
            {Field("selectors", page.T("محددات HTML: item|title|link[|date[|summary]]", "HTML selectors: item|title|link[|date[|summary]]"), f.Selectors)}
            {Field("interval", page.T("الفاصل بالدقائق", "Interval (minutes)"), f.IntervalMinutes)}
            {Field("timeZone", page.T("المنطقة الزمنية", "Time zone"), f.TimeZone)}
            <label><input type="checkbox" name="primary"{(f.Primary ? " checked" : "")}> {AdminPage.E(page.T("الناشر الأصلي", "Original publisher"))}</label>
            <label><input type="checkbox" name="enabled"{(f.Enabled ? " checked" : "")}> {AdminPage.E(page.T("مفعّل", "Enabled"))}</label>
            <button type="submit" id="save-source">{AdminPage.E(page.T("حفظ", "Save"))}</button>
            </form>
            """, status);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, ISourceStore store, IOptions<MonitorOptions> options, CancellationToken ct)
    {
        var page = new AdminPage(context);
        var form = SourceForm.Read(await context.Request.ReadFormAsync(ct));
        var (source, errors) = await form.ValidateAsync(options.Value.Web.AllowPrivateSourceAddresses, ct);
        if (source is not null && form.IsNew && await store.GetSourceAsync(source.Id, ct) is not null)
            errors["id"] = $"\"{source.Id}\" is used by another source";
        if (errors.Count > 0) return Edit(page, form, errors, StatusCodes.Status422UnprocessableEntity);
        // The address was checked just now; the flag keeps the guard on for every later poll of the source.
        var record = StoreSeeder.ToRecord(source!) with { BlockPrivateAddresses = !options.Value.Web.AllowPrivateSourceAddresses };
        await store.UpsertSourcesAsync([record], ct);
        return await ListAsync(page, page.T($"حُفظ المصدر {source!.Id}؛ يُجدوَل خلال دقيقة.", $"Source {source!.Id} saved; it is scheduled within a minute."), ct);
    }

    private static async Task<IResult> TestAsync(HttpContext context, FeedReader reader, TimeProvider clock, IOptions<MonitorOptions> options, CancellationToken ct)
    {
        var page = new AdminPage(context);
        var form = await context.Request.ReadFormAsync(ct);
        var url = form["url"].ToString().Trim();
        var selectors = form["selectors"].ToString().Trim();
        var result = await SourceTester.TestAsync(reader, url, selectors.Length == 0 ? null : selectors,
            blockPrivate: !options.Value.Web.AllowPrivateSourceAddresses, clock.GetUtcNow(), ct);
        var body = result.Error is not null
            ? $"<p class=\"problem\" id=\"test-error\">{AdminPage.E(result.Error)}</p>"
            : $"<pre id=\"test-report\" dir=\"auto\">{AdminPage.E(Report(result.Feed!))}</pre>";
        return page.Render(page.T("نتيجة تجربة الجلب", "Test-fetch result"), $"<p dir=\"ltr\">{AdminPage.E(url)}</p>{body}<p><a href=\"/admin/sources\">{AdminPage.E(page.T("عودة", "Back"))}</a></p>");
    }

    private static string Report(FeedReport report)
    {
        using var writer = new StringWriter();
        FeedReport.WriteText(report, writer);
        return writer.ToString();
    }
}
