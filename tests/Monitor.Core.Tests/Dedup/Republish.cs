using System.Text;

namespace Monitor.Core.Tests.Dedup;

/// <summary>Small, fixed republication transforms for the dedup tests (independent of the benchmark generator).</summary>
internal static class Republish
{
    public const string Boilerplate =
        "وأكد البيان أن استمرار الصمت الدولي إزاء جرائم نظام الأسد وحلفائه يشجعه على ارتكاب المزيد من المجازر بحق المدنيين، مطالباً مجلس الأمن الدولي بتحمل مسؤولياته واتخاذ إجراءات عاجلة لحماية الشعب السوري ومحاسبة المسؤولين عن هذه الجرائم.";

    public static string[] Paragraphs(string text) =>
        text.Split('\n').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();

    public static string Join(IEnumerable<string> paragraphs) => string.Join("\n\n", paragraphs);

    public static string WithIntro(string text) =>
        "نشرت الدائرة الإعلامية للائتلاف السوري المعارض على موقعها الرسمي بياناً جاء فيه ما يلي.\n\n" + text;

    public static string WithReadAlso(string text) =>
        text + "\n\nاقرأ أيضا: مقتل مدنيين بقصف مدفعي على ريف حلب الغربي\nالمصدر: الدائرة الإعلامية للائتلاف الوطني السوري";

    public static string CutLastParagraph(string text) => Join(Paragraphs(text)[..^1]);

    public static string SwapFirstParagraphs(string text)
    {
        var p = Paragraphs(text);
        (p[0], p[1]) = (p[1], p[0]);
        return Join(p);
    }

    public static string DropHamzas(string text) =>
        text.Replace('أ', 'ا').Replace('إ', 'ا').Replace('آ', 'ا').Replace('ة', 'ه').Replace('ى', 'ي');

    /// <summary>A fatha after every third Arabic letter, a shadda after every seventh.</summary>
    public static string AddDiacritics(string text)
    {
        var sb = new StringBuilder();
        var n = 0;
        foreach (var c in text)
        {
            sb.Append(c);
            if (c is < 'ء' or > 'ي') continue;
            n++;
            if (n % 3 == 0) sb.Append('\u064E');
            if (n % 7 == 0) sb.Append('\u0651');
        }
        return sb.ToString();
    }

    /// <summary>Dots lost (ئ→ن, ذ→د, ق→ف), two words glued, one word split: what PDF extraction does.</summary>
    public static string Garble(string text)
    {
        var s = text.Replace('ئ', 'ن').Replace('ذ', 'د').Replace('ق', 'ف');
        var space = s.IndexOf(' ', s.Length / 3);
        s = s.Remove(space, 1);
        var mid = s.IndexOf(' ', 2 * s.Length / 3);
        return s.Insert(mid + 3, " ");
    }

    public static string QuotedInReport(string text) =>
        "وتأتي هذه التطورات في وقت تشهد فيه مناطق عدة في سوريا تصعيداً عسكرياً متواصلاً منذ مطلع الشهر، بحسب ما أفاد به ناشطون ومراصد حقوقية محلية.\n\n" +
        "وقال الائتلاف الوطني السوري في بيان اطلع عليه مراسلنا:\n\n" + text + "\n\n" +
        "ولم يصدر حتى ساعة إعداد هذا التقرير أي تعليق من حكومة النظام أو من وزارة الدفاع الروسية على ما ورد في البيان.\n\n" +
        "ويقول محللون إن المواقف الدولية من الملف السوري لا تزال منقسمة، في ظل غياب أي أفق واضح لاستئناف العملية السياسية المتعثرة منذ سنوات.\n\n" +
        "وكان مجلس الأمن قد عقد الشهر الماضي جلسة طارئة لبحث الأوضاع الإنسانية، انتهت دون صدور قرار بسبب خلافات بين الأعضاء الدائمين.\n\n" +
        "وبحسب إحصائيات منظمات حقوقية، قتل مئات آلاف السوريين وهجر أكثر من نصف السكان من منازلهم منذ اندلاع الثورة.";
}
