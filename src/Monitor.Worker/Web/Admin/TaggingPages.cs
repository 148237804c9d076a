using System.Text;
using System.Text.Json.Nodes;
using Monitor.Core.Tagging;
using Monitor.Worker.Configuration;
using Monitor.Worker.Pipeline;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// Topics and watch lists: each shown as the JSON the file holds and editable in place (checked and compiled before
/// anything is written; see <see cref="TaggingFile"/>), a "try it on this text" box with the same analysis as
/// <c>analyze</c>, and a button that re-tags stored stories with the rules in force.
/// </summary>
internal static class TaggingPages
{
    /// <summary>How long a save waits for the service to reload the file before answering.</summary>
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(10);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/tagging", (HttpContext c, CancellationToken ct) => ShowAsync(new AdminPage(c), null, null, ct));
        admin.MapPost("/tagging/save", SaveAsync);
        admin.MapPost("/tagging/try", async (HttpContext c, TaggingRulesProvider rules, CancellationToken ct) =>
        {
            var text = (await c.Request.ReadFormAsync(ct))["text"].ToString();
            var page = new AdminPage(c);
            return await ShowAsync(page, null, (text, AnalyzeReport.Build(text, rules.Current)), ct);
        });
        admin.MapPost("/tagging/retag", async (HttpContext c, Retagger retagger, CancellationToken ct) =>
        {
            var count = await retagger.RetagAsync(null, null, ct);
            var page = new AdminPage(c);
            return await ShowAsync(page, new Notice(page.T($"أُعيد وسم {count} خبراً بالقواعد الحالية.", $"Re-tagged {count} stories with the rules in force."), []), null, ct);
        });
    }

    private sealed record Notice(string Message, IReadOnlyList<string> Errors, string? Part = null, int Index = 0, string? Json = null);

    private static TaggingFile File(HttpContext c) => new(c.RequestServices.GetRequiredService<MonitorPaths>().ConfigFile);

    private static async Task<IResult> SaveAsync(HttpContext c, TaggingRulesProvider rules, TimeProvider clock, CancellationToken ct)
    {
        var page = new AdminPage(c);
        var form = await c.Request.ReadFormAsync(ct);
        var part = form["part"].ToString() switch { "WatchLists" => "WatchLists", "Topics" => "Topics", _ => null };
        var index = int.TryParse(form["index"], out var i) ? i : -1;
        var json = form["json"].ToString();
        var generation = rules.Generation;
        var errors = await File(c).SaveAsync(part, index, json, ct);
        if (errors.Count > 0)
            return await ShowAsync(page, new Notice(page.T("لم يُحفظ شيء:", "Nothing was saved:"), errors, part ?? "all", index, json), null, ct, StatusCodes.Status422UnprocessableEntity);
        var deadline = clock.GetUtcNow() + ReloadWait;
        while (rules.Generation == generation && clock.GetUtcNow() < deadline) await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        var applied = rules.Generation != generation;
        return await ShowAsync(page, new Notice(applied
            ? page.T("حُفظ التعديل وصار نافذاً. أعد الوسم لتطبيقه على الأخبار المخزّنة.", "Saved and in force. Re-tag to apply it to stored stories.")
            : page.T("حُفظ التعديل؛ تطبّقه الخدمة حين تلاحظ تغيّر الملف.", "Saved; the service applies it when it notices the file changed."), []), null, ct);
    }

    private static async Task<IResult> ShowAsync(AdminPage page, Notice? notice, (string Text, AnalyzeReport Report)? tried, CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        var rules = page.Context.RequestServices.GetRequiredService<TaggingRulesProvider>();
        var tagging = await File(page.Context).ReadTaggingAsync(ct);
        var sb = new StringBuilder();
        if (notice is not null)
        {
            sb.Append($"<div class=\"{(notice.Errors.Count > 0 ? "problem" : "notice")}\" id=\"notice\"><p>{AdminPage.E(notice.Message)}</p>");
            if (notice.Errors.Count > 0) sb.Append($"<ul id=\"errors\">{string.Concat(notice.Errors.Select(e => $"<li>{AdminPage.E(e)}</li>"))}</ul>");
            sb.Append("</div>");
        }
        sb.Append($"<p class=\"muted\">{AdminPage.E(page.T($"{rules.Current.TermCount} مصطلحاً نافذاً؛ تغييرات منذ البدء: {rules.Generation}", $"{rules.Current.TermCount} terms in force; changes since start: {rules.Generation}"))}</p>");
        sb.Append(TryBox(page, tried));
        sb.Append(page.Button("/admin/tagging/retag", page.T("أعد وسم الأخبار المخزّنة", "Re-tag stored stories")));
        sb.Append($"<h2>{AdminPage.E(page.T("قوائم المتابعة", "Watch lists"))}</h2>");
        sb.Append(Editors(page, tagging["WatchLists"] as JsonArray, "WatchLists", "Name", notice));
        sb.Append($"<h2>{AdminPage.E(page.T("المواضيع", "Topics"))}</h2>");
        sb.Append(Editors(page, tagging["Topics"] as JsonArray, "Topics", "Id", notice));
        sb.Append($"<h2>{AdminPage.E(page.T("القسم كاملاً", "The whole section"))}</h2>");
        sb.Append(Editor(page, "all", -1, "tagging-all", notice is { Part: "all" } ? notice.Json! : TaggingFile.Pretty(tagging), notice is { Part: "all" } ? notice : null));
        return page.Render(page.T("المواضيع وقوائم المتابعة", "Topics & watch lists"), sb.ToString(), status);
    }

    private static string Editors(AdminPage page, JsonArray? items, string part, string key, Notice? notice)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var name = items![i]?[key]?.ToString() ?? $"#{i}";
            var mine = notice is not null && notice.Part == part && notice.Index == i;
            sb.Append($"<details{(mine ? " open" : "")}><summary>{AdminPage.E(name)}</summary>");
            sb.Append(Editor(page, part, i, $"{part.ToLowerInvariant()}-{i}", mine ? notice!.Json! : TaggingFile.Pretty(items[i]), mine ? notice : null));
            sb.Append("</details>");
        }
        var adding = notice is not null && notice.Part == part && notice.Index == -1;
        sb.Append($"<details{(adding ? " open" : "")}><summary>{AdminPage.E(page.T("إضافة", "Add"))}</summary>");
        sb.Append(Editor(page, part, -1, $"{part.ToLowerInvariant()}-new", adding ? notice!.Json! : "{\n}", adding ? notice : null));
        return sb.Append("</details>").ToString();
    }

    private static string Editor(AdminPage page, string part, int index, string id, string json, Notice? errors) => $"""
        <form method="post" action="/admin/tagging/save" class="tagging-editor" data-name="{AdminPage.E(id)}">{page.Csrf()}
        <input type="hidden" name="part" value="{AdminPage.E(part)}"><input type="hidden" name="index" value="{index}">
        <textarea name="json" id="{AdminPage.E(id)}" dir="auto" spellcheck="false">{AdminPage.E(json)}</textarea>
        {(errors is { Errors.Count: > 0 } ? $"<span class=\"error\">{AdminPage.E(string.Join(" · ", errors.Errors))}</span>" : "")}
        <button type="submit" id="save-{AdminPage.E(id)}">{AdminPage.E(page.T("تحقّق واحفظ", "Check and save"))}</button>
        </form>
        """;

    private static string TryBox(AdminPage page, (string Text, AnalyzeReport Report)? tried)
    {
        var result = "";
        if (tried is { } t)
        {
            var rows = t.Report.Topics.Select(x => (page.T("موضوع", "topic"), $"{x.Name} [{x.Id}]", x.Matched))
                .Concat(t.Report.Watch.Select(x => (page.T("متابعة", "watch"), $"{x.List} / {x.Entry}", x.Matched)))
                .Select(r => $"<li>{AdminPage.E(r.Item1)}: {AdminPage.E(r.Item2)} — {AdminPage.E(string.Join("، ", r.Matched))}</li>");
            result = $"""
                <div id="try-result"><p class="muted" dir="auto">{AdminPage.E(t.Report.Normalized)}</p>
                <ul>{(t.Report.Topics.Count + t.Report.Watch.Count == 0 ? $"<li>{AdminPage.E(page.T("لا وسوم", "no tags"))}</li>" : string.Concat(rows))}</ul></div>
                """;
        }
        return $"""
            <h2>{AdminPage.E(page.T("جرّبها على هذا النص", "Try it on this text"))}</h2>
            <form method="post" action="/admin/tagging/try">{page.Csrf()}
            <textarea name="text" id="try-text" dir="auto">{AdminPage.E(tried?.Text)}</textarea>
            <button type="submit" id="try">{AdminPage.E(page.T("حلّل", "Analyse"))}</button></form>
            {result}
            """;
    }
}
