namespace Monitor.Benchmarks.Workload;

/// <summary>
/// Templates written for the benchmark workload, in the coalition's register: a headline and a few sentences with slots
/// (place, actor, event, count, day), so every generated statement has sentences no other statement has. The rest of
/// each body comes from the seed texts' sentences.
/// </summary>
internal static class ArticleTemplates
{
    public static readonly string[] Places =
    [
        "ريف درعا الشرقي", "مدينة إدلب", "ريف حلب الشمالي", "مدينة دير الزور", "ريف حماة الشمالي", "الغوطة الشرقية",
        "مدينة الرقة", "ريف اللاذقية", "مدينة حمص", "جبل الزاوية", "مدينة القامشلي", "ريف دمشق الغربي", "مدينة جسر الشغور",
        "منطقة عفرين", "مدينة تل أبيض", "مدينة السويداء",
    ];

    public static readonly string[] Actors =
    [
        "قوات النظام", "الميليشيات الإيرانية", "الطيران الروسي", "تنظيم داعش", "ميليشيات حزب الله", "الأجهزة الأمنية",
        "قوات سوريا الديمقراطية", "المجموعات الإرهابية",
    ];

    public static readonly string[] Events =
    [
        "القصف الجوي", "القصف المدفعي", "حملة الاعتقالات", "استهداف المدارس", "تهجير المدنيين", "حصار الأحياء السكنية",
        "استهداف المشافي", "الهجوم البري", "انتهاكات حقوق الإنسان", "مصادرة الممتلكات",
    ];

    public static readonly string[] Days = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"];

    public static readonly string[] Titles =
    [
        "الائتلاف الوطني يدين {event} على {place}",
        "الائتلاف يطالب بتحرك دولي عاجل لوقف {event} في {place}",
        "بيان: {actor} تواصل {event} في {place}",
        "الائتلاف الوطني: {event} في {place} جريمة حرب",
        "رئيس الائتلاف يبحث مع وفد أممي تداعيات {event} في {place}",
    ];

    public static readonly string[] Openings =
    [
        "أدان الائتلاف الوطني السوري {event} الذي نفذته {actor} يوم {day} على {place}، ما أدى إلى سقوط {count} ضحية بينهم أطفال ونساء.",
        "أكد الائتلاف الوطني السوري في بيان أصدره يوم {day} أن {actor} صعّدت من {event} في {place} خلال الساعات الماضية، ووثّق {count} حالة.",
        "طالب الائتلاف الوطني المجتمع الدولي بالتحرك الفوري لوقف {event} في {place}، بعد أن رصدت فرق الدفاع المدني {count} إصابة يوم {day}.",
        "قال الائتلاف الوطني إن {actor} ارتكبت يوم {day} مجزرة جديدة في {place} راح ضحيتها {count} مدنياً.",
    ];

    public static readonly string[] Closings =
    [
        "وحمّل الائتلاف {actor} المسؤولية الكاملة عن {event} في {place}، ودعا إلى محاسبة المسؤولين عن {count} انتهاكاً موثقاً.",
        "وشدد البيان على أن {event} في {place} يقوّض أي مسار سياسي، وأن {count} عائلة نزحت منذ يوم {day}.",
        "ودعا الائتلاف مجلس الأمن إلى عقد جلسة طارئة لبحث {event} في {place} وتطبيق القرار 2254.",
    ];

    public static string Fill(string template, Random rng, string place, string actor, string evt) =>
        template.Replace("{place}", place).Replace("{actor}", actor).Replace("{event}", evt)
            .Replace("{day}", Days[rng.Next(Days.Length)]).Replace("{count}", (3 + rng.Next(400)).ToString());
}
