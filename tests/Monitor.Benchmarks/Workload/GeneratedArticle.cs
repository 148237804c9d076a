namespace Monitor.Benchmarks.Workload;

/// <summary>
/// One generated article as a source would publish it. <see cref="StatementId"/> names the statement it carries (a
/// republication shares its original's id), so a run can check how many stories the pipeline should end with.
/// </summary>
public sealed record GeneratedArticle(
    long Number, int StatementId, string Variant, string Title, string Text, string Guid, string Link, DateTimeOffset Published);
