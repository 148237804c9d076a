namespace Monitor.Worker.Tests.Ingest;

/// <summary>Two different coalition statements, long enough to be judged on their shingles: the ingest tests republish
/// and mix them.</summary>
internal static class StatementTexts
{
    public const string Statement =
        "أدان الائتلاف الوطني السوري القصف الذي استهدف الأحياء السكنية في مدينة إدلب صباح اليوم وأدى إلى سقوط عدد من "
        + "المدنيين بينهم أطفال ونساء، وطالب المجتمع الدولي بتحمل مسؤولياته واتخاذ خطوات عملية لحماية المدنيين ومحاسبة "
        + "المسؤولين عن هذه الجرائم، مؤكدا أن الحل السياسي وفق القرار 2254 هو الطريق الوحيد لإنهاء معاناة الشعب السوري.";

    public const string OtherStatement =
        "رحبت الهيئة السياسية في الائتلاف بعودة دفعة جديدة من اللاجئين إلى قراهم في ريف حلب الشمالي بعد إعادة تأهيل "
        + "المدارس والمراكز الصحية وشبكات المياه، ودعت المنظمات الإنسانية إلى زيادة الدعم المقدم لمشاريع التعافي المبكر "
        + "وتأمين فرص العمل للشباب وتوفير الخدمات الأساسية في المناطق المحررة قبل حلول فصل الشتاء.";

    /// <summary>A statement as a news site republishes it: a source line before, a "read also" link after.</summary>
    public static string Republished(string statement) =>
        "المصدر: الائتلاف الوطني السوري\n" + statement + "\nاقرأ أيضا: تطورات ميدانية في الشمال السوري";
}
