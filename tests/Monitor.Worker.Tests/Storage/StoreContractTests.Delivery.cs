using Monitor.Worker.Storage;
using static Monitor.Worker.Tests.Storage.StoreTestData;

namespace Monitor.Worker.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Upserting_a_subscriber_matches_email_case_insensitively_and_keeps_live_state()
    {
        var created = await Store.UpsertSubscriberAsync(Subscriber("Reader@Example.org"), Ct);
        Assert.Equal(["politics"], created.Topics);
        Assert.Equal(["noisy"], created.MutedSources);
        Assert.Equal(2, created.MinSources);
        Assert.Equal(T0, created.CreatedAt);
        await Store.SetSubscriberActiveAsync("reader@example.org", false, Ct);
        await Store.EnqueueDigestAsync(Message("k1", created.Id, T0), [], T0.AddHours(1), Ct);

        var updated = await Store.UpsertSubscriberAsync(Subscriber("READER@example.org", "hourly") with { Active = true }, Ct);

        Assert.Equal(created.Id, updated.Id);
        Assert.Equal("hourly", updated.Frequency);
        Assert.False(updated.Active);
        Assert.Equal(T0.AddHours(1), updated.LastDigestAt);
        Assert.Single(await Store.ListSubscribersAsync(Ct));
        Assert.True(await Store.RemoveSubscriberAsync("reader@EXAMPLE.org", Ct));
        Assert.Null(await Store.GetSubscriberAsync("reader@example.org", Ct));
        Assert.False(await Store.SetSubscriberActiveAsync("reader@example.org", true, Ct));
    }

    [Fact]
    public async Task Undelivered_stories_exclude_delivered_ones_and_respect_since()
    {
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org"), Ct);
        var (_, s1) = await Store.SaveItemAsync(Item("a", "1", T0), NewStory(new TagRecord("topic", "t", null, ["m"], 1)), Ct);
        var (_, s2) = await Store.SaveItemAsync(Item("a", "2", T0.AddHours(1)), NewStory(), Ct);
        var (_, s3) = await Store.SaveItemAsync(Item("a", "3", T0.AddHours(2)), NewStory(), Ct);

        var all = await Store.GetUndeliveredStoriesAsync(sub.Id, null, Ct);
        Assert.Equal([s3, s2, s1], all.Select(s => s.Id));
        Assert.Equal("1", all[2].Items.Single().Title);
        Assert.Equal("t", all[2].Tags.Single().Name);

        Assert.True(await Store.EnqueueDigestAsync(Message("w1", sub.Id, T0), [s2], T0.AddHours(3), Ct));
        Assert.Equal([s3, s1], (await Store.GetUndeliveredStoriesAsync(sub.Id, null, Ct)).Select(s => s.Id));
        // "since" is exclusive: a story last updated exactly at the window's end was in that window.
        Assert.Equal([s3], (await Store.GetUndeliveredStoriesAsync(sub.Id, T0.AddHours(1).AddMinutes(5), Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task Undelivered_stories_carry_the_representative_s_text_only_and_the_story_read_carries_every_item_whole()
    {
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org"), Ct);
        var (first, story) = await Store.SaveItemAsync(Item("a", "first", T0), NewStory(), Ct);
        var (republished, _) = await Store.SaveItemAsync(Item("b", "again", T0.AddHours(1)), Join(story, first), Ct);

        var digest = Assert.Single(await Store.GetUndeliveredStoriesAsync(sub.Id, null, Ct));
        Assert.Equal(first, digest.RepresentativeItemId);
        Assert.Equal([(first, "first", "نص first"), (republished, "again", "")],
            digest.Items.Select(i => (i.ItemId, i.Title, i.Text)));
        Assert.All(digest.Items, i => Assert.Null(i.Html));
        Assert.Equal(["a", "b"], digest.Items.Select(i => i.SourceId));

        var whole = await Store.GetStoryAsync(story, Ct);
        Assert.Equal(["نص first", "نص again"], whole!.Items.Select(i => i.Text));
        Assert.Equal(["<p>first</p>", "<p>again</p>"], whole.Items.Select(i => i.Html));
    }

    [Fact]
    public async Task A_digest_carrying_a_story_another_digest_already_carried_is_not_enqueued()
    {
        // Two workers composing for adjacent slots at once both saw the story as undelivered: only the first may send it.
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org", "immediate"), Ct);
        var (_, s1) = await Store.SaveItemAsync(Item("a", "1", T0), NewStory(), Ct);
        var (_, s2) = await Store.SaveItemAsync(Item("a", "2", T0), NewStory(), Ct);

        Assert.True(await Store.EnqueueDigestAsync(Message("digest:1:0800", sub.Id, T0), [s1], T0.AddMinutes(1), Ct));
        Assert.False(await Store.EnqueueDigestAsync(Message("digest:1:0801", sub.Id, T0), [s1, s2], T0.AddMinutes(2), Ct));

        Assert.Equal("digest:1:0800", Assert.Single(await Store.ListOutboxAsync(null, 10, Ct)).Key);
        Assert.Equal([s2], (await Store.GetUndeliveredStoriesAsync(sub.Id, null, Ct)).Select(s => s.Id));
        Assert.Equal(T0.AddMinutes(1), (await Store.GetSubscriberAsync("r@example.org", Ct))!.LastDigestAt);
    }

    [Fact]
    public async Task Enqueueing_the_same_key_twice_changes_nothing_the_second_time()
    {
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org"), Ct);
        var (_, s1) = await Store.SaveItemAsync(Item("a", "1", T0), NewStory(), Ct);
        var (_, s2) = await Store.SaveItemAsync(Item("a", "2", T0), NewStory(), Ct);

        Assert.True(await Store.EnqueueDigestAsync(Message("sub-1:2025-06-15", sub.Id, T0), [s1], T0.AddHours(1), Ct));
        Assert.False(await Store.EnqueueDigestAsync(Message("sub-1:2025-06-15", sub.Id, T0) with { Subject = "other" }, [s2], T0.AddHours(9), Ct));

        var message = Assert.Single(await Store.ListOutboxAsync(null, 10, Ct));
        Assert.Equal("موجز", message.Subject);
        Assert.Equal("MIME-Version: 1.0\r\n\r\nbody"u8.ToArray(), message.Mime);
        Assert.Equal(OutboxState.Pending, message.State);
        Assert.Equal(T0.AddHours(1), (await Store.GetSubscriberAsync("r@example.org", Ct))!.LastDigestAt);
        Assert.Equal([s2], (await Store.GetUndeliveredStoriesAsync(sub.Id, null, Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task Two_concurrent_claims_of_a_message_have_exactly_one_winner()
    {
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org"), Ct);
        for (var i = 0; i < 20; i++)
            await Store.EnqueueDigestAsync(Message("race-" + i, sub.Id, T0), [], T0, Ct);
        var due = await Store.GetDueMessagesAsync(T0, 100, Ct);
        Assert.Equal(20, due.Count);

        foreach (var message in due)
        {
            using var start = new ManualResetEventSlim();
            var claims = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await Store.TryClaimAsync(message.Id, T0, T0.AddMinutes(5), Ct);
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(claims);
            Assert.Equal(1, results.Count(won => won));
        }
        Assert.All(await Store.ListOutboxAsync(OutboxState.Sending, 100, Ct), m => Assert.Equal(1, m.Attempts));
    }

    [Fact]
    public async Task A_claim_holds_until_its_lease_expires_then_another_sender_may_take_it()
    {
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org"), Ct);
        await Store.EnqueueDigestAsync(Message("lease", sub.Id, T0.AddMinutes(1)), [], T0, Ct);

        var id = Assert.Single(await Store.ListOutboxAsync(null, 10, Ct)).Id;
        Assert.Empty(await Store.GetDueMessagesAsync(T0, 10, Ct));
        Assert.False(await Store.TryClaimAsync(id, T0, T0.AddMinutes(5), Ct));
        Assert.Equal(id, Assert.Single(await Store.GetDueMessagesAsync(T0.AddMinutes(1), 10, Ct)).Id);
        Assert.True(await Store.TryClaimAsync(id, T0.AddMinutes(1), T0.AddMinutes(6), Ct));

        Assert.Empty(await Store.GetDueMessagesAsync(T0.AddMinutes(5), 10, Ct));
        Assert.False(await Store.TryClaimAsync(id, T0.AddMinutes(5), T0.AddMinutes(10), Ct));
        Assert.Equal(id, Assert.Single(await Store.GetDueMessagesAsync(T0.AddMinutes(6), 10, Ct)).Id);
        Assert.True(await Store.TryClaimAsync(id, T0.AddMinutes(6), T0.AddMinutes(11), Ct));
        Assert.Equal(2, Assert.Single(await Store.ListOutboxAsync(OutboxState.Sending, 10, Ct)).Attempts);
    }

    [Fact]
    public async Task Retry_failure_and_operator_requeue_move_the_message_through_its_states()
    {
        var sub = await Store.UpsertSubscriberAsync(Subscriber("r@example.org"), Ct);
        await Store.EnqueueDigestAsync(Message("flow", sub.Id, T0), [], T0, Ct);
        var id = Assert.Single(await Store.GetDueMessagesAsync(T0, 10, Ct)).Id;

        Assert.True(await Store.TryClaimAsync(id, T0, T0.AddMinutes(5), Ct));
        await Store.MarkRetryAsync(id, T0.AddMinutes(10), "421 try later", Ct);
        var retrying = Assert.Single(await Store.ListOutboxAsync(OutboxState.Pending, 10, Ct));
        Assert.Equal(("421 try later", T0.AddMinutes(10)), (retrying.LastError, retrying.NextAttemptAt));
        Assert.Empty(await Store.GetDueMessagesAsync(T0.AddMinutes(9), 10, Ct));

        Assert.True(await Store.TryClaimAsync(id, T0.AddMinutes(10), T0.AddMinutes(15), Ct));
        await Store.MarkFailedAsync(id, "550 no such user", Ct);
        Assert.Empty(await Store.GetDueMessagesAsync(T0.AddDays(1), 10, Ct));
        Assert.Equal("550 no such user", Assert.Single(await Store.ListOutboxAsync(OutboxState.Failed, 10, Ct)).LastError);

        Assert.True(await Store.RequeueAsync(id, T0.AddHours(1), Ct));
        Assert.False(await Store.RequeueAsync(id, T0.AddHours(1), Ct));
        Assert.True(await Store.TryClaimAsync(id, T0.AddHours(1), T0.AddHours(2), Ct));
        await Store.MarkSentAsync(id, T0.AddHours(1), Ct);

        var sent = Assert.Single(await Store.ListOutboxAsync(OutboxState.Sent, 10, Ct));
        Assert.Equal((T0.AddHours(1), 3), (sent.SentAt!.Value, sent.Attempts));
        Assert.Empty(await Store.GetDueMessagesAsync(T0.AddDays(1), 10, Ct));
    }
}
