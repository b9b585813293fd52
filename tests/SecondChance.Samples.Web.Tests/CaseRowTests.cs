using System.Text;
using SecondChance.Samples.Web.Storage;

namespace SecondChance.Samples.Web.Tests;

/// <summary>A row holds its document as UTF-8 and still compares by value, as a record of strings did.</summary>
public class CaseRowTests
{
    [Fact]
    public void RowsOfTheSameColumns_AreEqual_HoweverTheDocumentWasGiven()
    {
        var fromText = new CaseRow("{\"candidate\":\"Zoë\"}", "Zoë", "Contoso", "2026-08-06", "v1", "UTC");
        var fromUtf8 = new CaseRow(Encoding.UTF8.GetBytes("{\"candidate\":\"Zoë\"}"), "Zoë", "Contoso", "2026-08-06", "v1", "UTC");

        fromUtf8.Should().Be(fromText);
        fromUtf8.GetHashCode().Should().Be(fromText.GetHashCode());
        fromUtf8.Document.Should().Be("{\"candidate\":\"Zoë\"}");
        (fromUtf8 with { Document = "{}" }).Should().NotBe(fromText);
        (fromUtf8 with { NextDue = null }).Should().NotBe(fromText);
    }
}
