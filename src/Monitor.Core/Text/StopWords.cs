namespace Monitor.Core.Text;

/// <summary>
/// Arabic function words (particles, pronouns, demonstratives, relatives, common auxiliaries) and their frequent
/// clitic forms. Written in ordinary spelling and normalised once, so the lookup works on normalised tokens
/// (إلى and الى both become الي). Stop words stay in the token stream (phrases stay contiguous); they are only marked.
/// </summary>
public static class StopWords
{
    private const string Words = """
        من ومن فمن منها منه منهم منذ في وفي ففي فيها فيه فيهم و ف ب ل ك ا أ ثم او أو أم ام بها به بهم
        اى أي أى اي يا لا ولا فلا الا ألا إلا لكن ولكن لكنه بل ما وما كما فما مما عما ماذا متى أين اين كيف هل لماذا
        عن مع ومع إذا اذا إذ اذ لو لولا ان أن إن وان وأن وإن فإن فان بأن بان لأن لان انها أنها إنها انه أنه إنه
        التى التي الذى الذي الذين اللذان اللتان اللواتي اللاتي الى الي إلى إلي على عليها عليه عليهم وعلى
        اليه إليه اليها إليها اليهم إليهم أما اما إما ايضا أيضا كل وكل كلا جميع لم ولم فلم لن ولن فلن
        هى هي هو هم هن هما وهى وهي وهو وهم فهى فهي فهو نحن انا أنا انت أنت انتم أنتم
        لك لها له لهم لنا لي هذه هذا هذان هاتان هؤلاء هنا هناك هنالك تلك ذلك أولئك اولئك
        كانت كان يكون تكون وكانت وكان فكان كانوا ليس ليست غير بعض قد وقد فقد لقد سوف
        نحو بين بينما ضمن حيث الان الآن خلال بعد قبل حتى عند عندما لدى تحت فوق حول دون أمام امام
        """;

    private static readonly HashSet<string> Set = Build();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Set.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsStopWord(string normalized) => normalized is not null && Set.Contains(normalized);

    public static bool IsStopWord(ReadOnlySpan<char> normalized) => SpanLookup.Contains(normalized);

    /// <summary>The list in normalised form, for documentation and tests.</summary>
    public static IReadOnlyCollection<string> All => Set;

    private static HashSet<string> Build()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in Words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
            set.Add(ArabicNormalizer.Normalize(w));
        return set;
    }
}
