using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Worker.Storage;

namespace Monitor.Worker.Cli;

/// <summary><c>stories [--since T] [--limit N] [--json]</c>: stories with their items, sources and why each item joined.</summary>
public static class StoriesCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { Description = "Only stories active since this time (ISO 8601) or duration ago (e.g. 24h, 7d)" };
        var limit = new Option<int>("--limit") { Description = "At most this many stories", DefaultValueFactory = _ => 50 };
        var json = CliOptions.Json();
        var command = new Command("stories", "List stories (one statement, all its sources)");
        command.Options.Add(since);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction((parse, ct) => CommandHost.WithServicesAsync(parse, async (services, token) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!TimeArgument.TryParse(parse.GetValue(since), now, out var from, out var error))
            {
                Console.Error.WriteLine($"error: --since: {error}");
                return CommandHost.ExitUsage;
            }
            var stories = await services.GetRequiredService<IItemStore>().ListStoriesAsync(from, parse.GetValue(limit), token);
            if (parse.GetValue(json)) JsonOutput.Write(stories.Select(StoryView.From).ToList());
            else foreach (var s in stories) StoryView.WriteText(StoryView.From(s), Console.Out);
            return CommandHost.ExitOk;
        }, ct));
        return command;
    }
}

/// <summary>The JSON shape of a story: id, title, first_seen, tags, items (source, id, link, title, published, joined).</summary>
public sealed record StoryView(long Id, string Title, string? FirstSeen, string? LastUpdated, int SourceCount, IReadOnlyList<StoryTagView> Tags, IReadOnlyList<StoryItemView> Items)
{
    public static StoryView From(StoryRecord s)
    {
        var representative = s.Items.FirstOrDefault(i => i.ItemId == s.RepresentativeItemId) ?? s.Items.FirstOrDefault();
        return new StoryView(s.Id, representative?.Title ?? "", JsonOutput.Utc(s.FirstSeen), JsonOutput.Utc(s.LastUpdated),
            s.Items.Select(i => i.SourceId).Distinct().Count(),
            s.Tags.Select(t => new StoryTagView(t.Kind, t.Name, t.Entry, t.Matched)).ToList(),
            s.Items.OrderBy(i => i.Published).Select(i => new StoryItemView(
                i.SourceId, i.SourceName, i.ItemId, i.Guid, i.Link, i.Title, JsonOutput.Utc(i.Published),
                JsonOutput.Utc(i.FetchedAt), (i.Published - s.FirstSeen).TotalMinutes,
                i.MatchedItemId is null ? null : new JoinView(i.MatchKind ?? "near-duplicate", i.MatchedItemId.Value, Math.Round(i.Similarity, 3)))).ToList());
    }

    public static void WriteText(StoryView s, TextWriter w)
    {
        w.WriteLine($"#{s.Id}  {s.Title}");
        w.WriteLine($"    first seen {s.FirstSeen}, {s.SourceCount} source(s); tags: {string.Join(", ", s.Tags.Select(t => t.Entry ?? t.Name))}");
        foreach (var i in s.Items)
            w.WriteLine($"    - {i.SourceName} {i.Published}{(i.Joined is null ? " (first)" : $" +{i.DelayMinutes:0} min, {i.Joined.Kind} of #{i.Joined.MatchedItem} ({i.Joined.Similarity:0.00})")}  {i.Link}");
    }
}

public sealed record StoryTagView(string Kind, string Name, string? Entry, IReadOnlyList<string> Matched);

public sealed record StoryItemView(string Source, string SourceName, long ItemId, string? Id, string? Link, string Title, string? Published, string? Fetched, double DelayMinutes, JoinView? Joined);

public sealed record JoinView(string Kind, long MatchedItem, double Similarity);
