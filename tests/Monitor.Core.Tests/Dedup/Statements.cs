using Monitor.Tests.Support;

namespace Monitor.Core.Tests.Dedup;

/// <summary>The statements the tests republish: seed 004 (a coalition statement) and two short distinct statements
/// that end with the same boilerplate paragraph.</summary>
internal static class Statements
{
    public static (string Title, string Text) Seed004()
    {
        var p = Republish.Paragraphs(TestPaths.SeedTexts()[4]);
        return (p[0], Republish.Join(p[1..]));
    }

    public static string DaraaWithBoilerplate =>
        "أدان الائتلاف الوطني القصف الجوي الذي استهدف بلدات الحراك والمليحة الغربية وناحتة في ريف درعا الشرقي صباح اليوم، وأسفر عن مقتل أحد عشر مدنياً بينهم أربعة أطفال.\n\n" +
        "وطالب الائتلاف الدول الضامنة بالكشف عن الجهة التي نفذت الغارات ومحاسبتها.\n\n" + Republish.Boilerplate;

    public static string DetaineesWithBoilerplate =>
        "جدد الائتلاف الوطني مطالبته بالإفراج عن جميع المعتقلين في سجون النظام والكشف عن مصير عشرات آلاف المختفين قسرياً.\n\n" +
        "وأكد الائتلاف أن ملف المعتقلين قضية إنسانية لا يجوز أن تخضع للمساومة في أي مفاوضات.\n\n" + Republish.Boilerplate;
}
