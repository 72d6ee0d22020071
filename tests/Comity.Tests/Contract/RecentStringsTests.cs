using System.Text;
using Comity.Contract;

namespace Comity.Tests.Contract;

/// <summary>The reader's cache of repeated text: the same text gives the same string, and it never gives a wrong one.</summary>
public class RecentStringsTests
{
    [Fact]
    public void The_same_bytes_give_the_same_string_once_made()
    {
        var cache = new RecentStrings();

        var first = cache.Get("us/ca/los-angeles"u8);
        var again = cache.Get("us/ca/los-angeles"u8);

        Assert.Equal("us/ca/los-angeles", first);
        Assert.Same(first, again);
    }

    [Fact]
    public void Many_texts_sharing_slots_each_come_back_as_themselves()
    {
        var cache = new RecentStrings();
        var codes = Enumerable.Range(0, 2000).Select(i => $"PC {i}").ToArray();

        foreach (var code in codes.Concat(codes.Reverse()))
            Assert.Equal(code, cache.Get(Encoding.ASCII.GetBytes(code)));
    }

    [Fact]
    public void Text_that_is_not_short_plain_ASCII_is_left_to_the_caller()
    {
        var cache = new RecentStrings();

        Assert.Null(cache.Get("Código Penal § 211"u8));
        Assert.Null(cache.Get(Encoding.ASCII.GetBytes(new string('x', 65))));
        Assert.Equal("", cache.Get(""u8));
    }
}
