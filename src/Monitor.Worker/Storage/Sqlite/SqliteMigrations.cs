using Monitor.Worker.Storage.Sql;

namespace Monitor.Worker.Storage.Sqlite;

/// <summary>The SQLite schema, as ordered steps. Add new steps at the end; never edit one that has shipped.</summary>
internal static class SqliteMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "core schema", """
            CREATE TABLE sources (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, url TEXT NOT NULL, configured_url TEXT NOT NULL,
              type TEXT NOT NULL, interval_ms INTEGER NOT NULL, time_zone TEXT NOT NULL,
              is_primary INTEGER NOT NULL, enabled INTEGER NOT NULL, selectors_json TEXT,
              etag TEXT, last_modified TEXT, last_attempt_at INTEGER, last_success_at INTEGER, last_new_item_at INTEGER,
              consecutive_failures INTEGER NOT NULL DEFAULT 0, last_error TEXT, next_poll_at INTEGER,
              identity_mode TEXT NOT NULL DEFAULT 'guid');
            CREATE TABLE fetch_log (
              id INTEGER PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
              at INTEGER NOT NULL, success INTEGER NOT NULL, new_items INTEGER NOT NULL, error TEXT);
            CREATE INDEX ix_fetch_log_source ON fetch_log (source_id, id);

            CREATE TABLE stories (
              id INTEGER PRIMARY KEY, first_seen INTEGER NOT NULL, last_updated INTEGER NOT NULL, representative_item_id INTEGER);
            CREATE INDEX ix_stories_last_updated ON stories (last_updated);

            CREATE TABLE items (
              id INTEGER PRIMARY KEY, source_id TEXT NOT NULL, guid TEXT, link TEXT, title TEXT NOT NULL, text TEXT NOT NULL,
              html TEXT, published INTEGER NOT NULL, fetched_at INTEGER NOT NULL, content_hash TEXT NOT NULL,
              signature BLOB, shingle_count INTEGER NOT NULL, story_id INTEGER NOT NULL REFERENCES stories(id),
              matched_item_id INTEGER, similarity REAL, match_kind TEXT);
            CREATE INDEX ix_items_source_guid ON items (source_id, guid);
            CREATE INDEX ix_items_link ON items (link);
            CREATE INDEX ix_items_content_hash ON items (content_hash);
            CREATE INDEX ix_items_story ON items (story_id);

            -- The candidate index: keyed so one lookup is a range probe per band key within the time window.
            CREATE TABLE item_bands (
              band_key INTEGER NOT NULL, published INTEGER NOT NULL, item_id INTEGER NOT NULL,
              PRIMARY KEY (band_key, published, item_id)) WITHOUT ROWID;

            CREATE TABLE item_tags (
              item_id INTEGER NOT NULL REFERENCES items(id), kind TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL,
              matched TEXT NOT NULL, score REAL NOT NULL,
              PRIMARY KEY (item_id, kind, name, entry)) WITHOUT ROWID;
            CREATE TABLE story_tags (
              story_id INTEGER NOT NULL REFERENCES stories(id), kind TEXT NOT NULL, name TEXT NOT NULL, entry TEXT NOT NULL,
              matched TEXT NOT NULL, score REAL NOT NULL,
              PRIMARY KEY (story_id, kind, name, entry)) WITHOUT ROWID;

            CREATE TABLE subscribers (
              id INTEGER PRIMARY KEY, email TEXT NOT NULL, email_key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
              language TEXT NOT NULL, time_zone TEXT NOT NULL, frequency TEXT NOT NULL, topics TEXT NOT NULL,
              watch_lists TEXT NOT NULL, muted_sources TEXT NOT NULL, min_sources INTEGER NOT NULL, active INTEGER NOT NULL,
              last_digest_at INTEGER, created_at INTEGER NOT NULL);
            CREATE TABLE delivered (
              subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE, story_id INTEGER NOT NULL,
              delivered_at INTEGER NOT NULL, PRIMARY KEY (subscriber_id, story_id)) WITHOUT ROWID;

            CREATE TABLE outbox (
              id INTEGER PRIMARY KEY, msg_key TEXT NOT NULL UNIQUE, subscriber_id INTEGER NOT NULL, recipient TEXT NOT NULL,
              message_id TEXT NOT NULL, subject TEXT NOT NULL, mime BLOB NOT NULL, state TEXT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,
              lease_until INTEGER, sent_at INTEGER, last_error TEXT);
            CREATE INDEX ix_outbox_due ON outbox (state, next_attempt_at);
            """),
        // Sources added through the admin pages keep the SSRF guard on for every later poll (0 for configured sources).
        new(2, "per-source SSRF guard", "ALTER TABLE sources ADD COLUMN block_private INTEGER NOT NULL DEFAULT 0;"),
        // The candidate index moves to memory (SqliteCandidateIndex): 40 random item_bands rows per item cost 0.5-1 ms of
        // CPU per save. Each item's keys become one row, appended in seq order (AUTOINCREMENT: never reused, so a
        // process catching up by seq misses nothing), as big-endian 32-bit folds (key XOR key >> 32; SQLite has no XOR,
        // so (a | b) - (a & b)), with the columns candidate ranking reads (in items they sit after the text, often in
        // overflow pages). The index on item_id serves edits, which replace an item's row.
        new(3, "candidate index keys per item", """
            CREATE TABLE item_keys (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id INTEGER NOT NULL, published INTEGER NOT NULL,
              story_id INTEGER NOT NULL, source_id TEXT NOT NULL, content_hash TEXT NOT NULL, shingle_count INTEGER NOT NULL,
              band_keys BLOB NOT NULL, signature BLOB);
            CREATE INDEX ix_item_keys_item ON item_keys (item_id);
            INSERT INTO item_keys (item_id, published, story_id, source_id, content_hash, shingle_count, band_keys, signature)
              SELECT i.id, i.published, i.story_id, i.source_id, i.content_hash, i.shingle_count, k.keys, i.signature
              FROM (SELECT item_id, unhex(group_concat(printf('%08x',
                             ((band_key & 4294967295) | ((band_key >> 32) & 4294967295))
                             - ((band_key & 4294967295) & ((band_key >> 32) & 4294967295))), '')) AS keys
                    FROM item_bands GROUP BY item_id) k
              JOIN items i ON i.id = k.item_id
              ORDER BY i.id;
            DROP TABLE item_bands;
            """),
        // Pruning (hourly in the service, before every `once`) deletes the rows older than the window: a range of this
        // index instead of a scan of every row. Published times mostly grow, so inserts land at its right edge.
        new(4, "candidate keys by published time", "CREATE INDEX ix_item_keys_published ON item_keys (published);"),
        // Tags move into a JSON column of their item and of their story (TagJson): one bound string instead of about
        // twenty B-tree rows per saved item (ten item tags, ten story tags), which were a third of the save's CPU. The
        // tag tables were only ever read whole per story or per item, never searched.
        new(5, "tags as a column of items and stories", """
            ALTER TABLE items ADD COLUMN tags TEXT;
            ALTER TABLE stories ADD COLUMN tags TEXT;
            UPDATE items SET tags = (SELECT json_group_array(json_array(t.kind, t.name, t.entry, json(t.matched), t.score))
                                     FROM item_tags t WHERE t.item_id = items.id)
              WHERE id IN (SELECT item_id FROM item_tags);
            UPDATE stories SET tags = (SELECT json_group_array(json_array(t.kind, t.name, t.entry, json(t.matched), t.score))
                                       FROM story_tags t WHERE t.story_id = stories.id)
              WHERE id IN (SELECT story_id FROM story_tags);
            DROP TABLE item_tags;
            DROP TABLE story_tags;
            """),
    ];
}
