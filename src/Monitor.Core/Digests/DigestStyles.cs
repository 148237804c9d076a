namespace Monitor.Core.Digests;

/// <summary>
/// Inline styles for the HTML part (mail clients drop &lt;style&gt; blocks and external sheets). Widths are fluid:
/// the card is 100% wide up to 600px, and long words and URLs wrap instead of widening the page on a phone.
/// </summary>
internal static class DigestStyles
{
    public const string Page = "#eef1f4";
    public const string Fonts = "font-family:Tahoma,'Segoe UI','Noto Naskh Arabic','DejaVu Sans',Arial,sans-serif;";
    public const string Wrap = "word-break:break-word;overflow-wrap:anywhere;";

    public static string Body(bool rtl) =>
        $"margin:0;padding:0;width:100%;background-color:{Page};direction:{Dir(rtl)};text-align:{Start(rtl)};{Fonts}";

    public const string Preheader =
        "display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;color:" + Page + ";";

    public const string Outer = "width:100%;border-collapse:collapse;background-color:" + Page + ";";
    public const string OuterCell = "padding:12px 8px;";

    public static string Card(bool rtl) =>
        $"width:100%;max-width:600px;border-collapse:collapse;table-layout:fixed;background-color:#ffffff;direction:{Dir(rtl)};";

    public static string Header(bool rtl) => $"padding:20px 16px 12px;border-bottom:3px solid #0b6e4f;text-align:{Start(rtl)};{Wrap}{Fonts}";
    public const string ServiceLine = "margin:0;font-size:13px;color:#5b6670;";
    public const string Heading = "margin:4px 0;font-size:22px;line-height:1.4;color:#111111;";
    public const string Summary = "margin:0;font-size:13px;line-height:1.6;color:#5b6670;";

    public static string GroupCell(bool rtl) => $"padding:18px 16px 2px;text-align:{Start(rtl)};{Wrap}{Fonts}";
    public const string GroupHeading = "margin:0;padding-bottom:4px;font-size:17px;line-height:1.5;color:#0b6e4f;border-bottom:1px solid #dde3e8;";

    public static string StoryCell(bool rtl) => $"padding:10px 16px 14px;border-bottom:1px solid #eef1f4;text-align:{Start(rtl)};{Wrap}{Fonts}";
    public const string Title = "margin:0 0 4px;font-size:17px;line-height:1.5;color:#111111;";
    public const string TitleLink = "color:#0a4f8a;text-decoration:none;";
    public const string Meta = "margin:0 0 6px;font-size:12px;line-height:1.6;color:#5b6670;";
    public const string Excerpt = "margin:0 0 8px;font-size:15px;line-height:1.7;color:#222222;";
    public const string TagLine = "margin:0 0 6px;font-size:12px;line-height:1.9;";
    public const string Tag = "display:inline-block;padding:0 8px;margin:0 2px 2px;border-radius:10px;background-color:#e6f2ed;color:#0b6e4f;";
    public const string Also = "margin:0;font-size:12px;line-height:1.7;color:#5b6670;";
    public const string SourceLink = "color:#0a4f8a;";

    public static string Footer(bool rtl) =>
        $"padding:16px;font-size:12px;line-height:1.7;color:#5b6670;background-color:#f7f9fa;text-align:{Start(rtl)};{Wrap}{Fonts}";
    public const string FooterLine = "margin:0 0 6px;";
    public const string FooterLink = "color:#0a4f8a;";

    private static string Dir(bool rtl) => rtl ? "rtl" : "ltr";
    private static string Start(bool rtl) => rtl ? "right" : "left";
}
