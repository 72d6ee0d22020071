using System.Globalization;
using System.Text;
using Comity.Contract;

namespace Comity.Tests.Contract;

/// <summary>Answers write their day by hand as YYYY-MM-DD: the same text the framework's formatting gives, and that reads back.</summary>
public class IsoDateTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(2016, 5, 1)]
    [InlineData(2025, 3, 14)]
    [InlineData(9999, 12, 31)]
    public void A_day_is_written_as_YYYY_MM_DD_and_reads_back(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var text = new byte[IsoDate.Length];

        IsoDate.Format(date, text);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text));
        Assert.True(IsoDate.TryParse(Encoding.ASCII.GetString(text), out var back));
        Assert.Equal(date, back);
    }
}
