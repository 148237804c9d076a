using System.Text;
using Monitor.Core.Digests;
using Monitor.Core.Text;
using Monitor.Worker.Pipeline;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Web.Admin;

/// <summary>
/// Latest stories with their tags, sources and why each tag fired (the matched words). Search is Arabic-aware: the
/// query and the stories are compared after the same normalisation the tagger uses (alef forms, ta marbuta,
/// diacritics, tatweel...), over the most recent stories.
/// </summary>
internal static class StoryPages
{
    public const int Shown = 100;
    public const int Searched = 2000;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/stories", async (HttpContext c, IItemStore store, CancellationToken ct) =>
        {
            var page = new AdminPage(c);
            var query = c.Request.Query["q"].ToString().Trim();
            var stories = await store.ListStoriesAsync(null, query.Length == 0 ? Shown : Searched, ct);
            var shown = (query.Length == 0 ? stories : Search(stories, query)).Take(Shown).ToList();
            return page.Render(page.T("الأخبار", "Stories"), $"""
                <form method="get" action="/admin/stories" id="search">
                <label for="q">{AdminPage.E(page.T("بحث في العنوان والنص", "Search titles and text"))}</label>
                <input type="text" id="q" name="q" value="{AdminPage.E(query)}" dir="auto">
                <button type="submit">{AdminPage.E(page.T("بحث", "Search"))}</button></form>
                <p class="muted">{AdminPage.E(page.T($"{shown.Count} خبر", $"{shown.Count} stories"))}</p>
                {string.Concat(shown.Select(s => Story(page, s)))}
                """);
        });

    /// <summary>Stories whose title or text, normalised, holds the normalised query.</summary>
    internal static IEnumerable<StoryRecord> Search(IEnumerable<StoryRecord> stories, string query)
    {
        var needle = ArabicNormalizer.Normalize(query);
        return stories.Where(s => s.Items.Any(i =>
            ArabicNormalizer.Normalize(i.Title).Contains(needle, StringComparison.Ordinal)
            || ArabicNormalizer.Normalize(i.Text).Contains(needle, StringComparison.Ordinal)));
    }

    private static string Story(AdminPage page, StoryRecord s)
    {
        var lead = s.Items.FirstOrDefault(i => i.ItemId == s.RepresentativeItemId) ?? s.Items.FirstOrDefault();
        if (lead is null) return "";
        var link = SafeLink.Clean(lead.Link);
        var title = link is null ? AdminPage.E(lead.Title) : $"<a href=\"{AdminPage.U(link)}\" rel=\"noopener noreferrer\">{AdminPage.E(lead.Title)}</a>";
        var text = lead.Text.Length > 400 ? lead.Text[..400] + "…" : lead.Text;
        var sources = string.Join("، ", s.Items.Select(i => i.SourceName).Distinct().Select(AdminPage.E));
        var tags = new StringBuilder();
        foreach (var t in s.Tags)
            tags.Append($"""<li class="tag-why"><span class="tag">{AdminPage.E(t.Kind == TagMapping.Topic ? page.T("موضوع", "topic") : page.T("متابعة", "watch"))}: {AdminPage.E(TagMapping.DisplayName(t))}</span> {AdminPage.E(page.T("لأن النص يذكر", "because the text says"))}: {AdminPage.E(string.Join("، ", t.Matched))}</li>""");
        return $"""
            <article class="story" id="story-{s.Id}" dir="auto">
            <h2>{title}</h2>
            <p class="muted">{AdminPage.When(s.FirstSeen)} · {AdminPage.E(page.T("المصادر", "Sources"))}: {sources}</p>
            <p>{AdminPage.E(text)}</p>
            <ul class="tags">{tags}</ul>
            </article>
            """;
    }
}
