using SecondChance.Benchmarks;
using SecondChance.Notes;

namespace SecondChance.Tests.Notes;

/// <summary>The labelled evaluation set as a regression floor for the note check's judgement.</summary>
public class NoteEvaluationTests
{
    /// <summary>The accuracy this release records on the set (CHANGELOG, docs/notes-and-calendar.md); it must not drop.</summary>
    private const double RecordedAccuracy = 0.994; // 189 of 190, printed as 0.995

    private static readonly IReadOnlyList<NoteEvaluationItem> Items =
        NoteEvaluation.Read(Path.Combine(AppContext.BaseDirectory, "Notes", "Evaluation", "notes-evaluation.jsonl"));

    [Fact]
    public void EvaluationSet_HasAtLeast150ItemsOfEveryVerdict()
    {
        Items.Should().HaveCountGreaterThanOrEqualTo(150);
        Items.GroupBy(i => i.Expected).Select(g => g.Key).Should().BeEquivalentTo(Enum.GetValues<GapVerdict>());
        Items.GroupBy(i => i.Expected).Should().OnlyContain(g => g.Count() >= 40);
    }

    [Fact]
    public void EvaluationSet_CoversEveryThemeWithEveryVerdict()
    {
        var themes = Items.Select(i => (Theme: GapJudge.Judge(i.Gap, i.Paragraph).Theme, i.Expected)).ToArray();

        foreach (var theme in Enum.GetValues<GapTheme>())
        {
            themes.Where(t => t.Theme == theme).Select(t => t.Expected).Distinct()
                .Should().BeEquivalentTo(Enum.GetValues<GapVerdict>(), $"the set should hold every verdict for {theme}");
        }
    }

    [Fact]
    public void EvaluationSet_AccuracyDoesNotDropBelowTheRecordedFloor()
    {
        var report = NoteEvaluation.Run(Items);

        report.Accuracy.Should().BeGreaterThanOrEqualTo(RecordedAccuracy, "misses:\n" + string.Join('\n', report.Misses.Select(m => $"line {m.Item.Line}: {m.Judged.Verdict} for \"{m.Item.Gap}\": {m.Item.Paragraph}")));
        report.Precision(GapVerdict.Answered).Should().BeGreaterThanOrEqualTo(0.95);
        report.Recall(GapVerdict.Answered).Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Format_EndsWithTheSummaryLine()
    {
        var report = NoteEvaluation.Run(Items.Take(9));

        report.Format(listMisses: false).Split('\n')[^1].Should().MatchRegex(@"^notes: accuracy=\d\.\d{3} answered_precision=\d\.\d{3} answered_recall=\d\.\d{3}$");
    }

    [Fact]
    public void Read_BadLine_NamesTheFileLineAndField()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["{\"gap\":\"x\",\"paragraph\":\"y\",\"verdict\":\"answered\"}", "{\"gap\":\"x\",\"paragraph\":\"y\",\"verdict\":\"maybe\"}"]);

            FluentActions.Invoking(() => NoteEvaluation.Read(path)).Should().Throw<FormatException>()
                .WithMessage($"{path}, line 2: verdict 'maybe' is not answered, claim or unrelated");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
