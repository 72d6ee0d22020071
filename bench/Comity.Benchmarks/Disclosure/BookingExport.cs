using System.Globalization;
using System.Text;

namespace Comity.Benchmarks.Disclosure;

/// <summary>
/// A reproducible booking-records export in CSV, shaped like the Los Angeles catalog's
/// lapd-booking-records (stacks/us/ca/los-angeles/catalog/booking-records.json) plus one field the
/// catalog does not name: a fixed seed, about 330 bytes a row, a quarter of the rows with quoted
/// fields (commas and doubled quotes inside), so the scanner meets its slow path as real exports do.
/// </summary>
public static class BookingExport
{
    public static readonly string[] Header =
    [
        "booking_number", "booking_datetime", "booking_facility", "arrest_datetime", "arrest_location", "bail_amount",
        "cii_number", "charge_code", "charge_description", "charge_level", "prior_convictions",
        "last_name", "first_name", "middle_name", "date_of_birth", "sex", "height", "weight",
        "place_of_birth", "citizenship", "immigration_status", "home_address", "home_city", "home_zip",
        "employer", "work_address", "phone", "email", "scheduled_release",
        "ssn", "drivers_license", "arresting_officer_serial", "booking_notes", "eye_color",
    ];

    private static readonly string[] LastNames = ["Garcia", "Hernandez", "Smith", "Nguyen", "Kim", "Lopez", "Johnson", "Martinez", "O'Brien", "Chen"];
    private static readonly string[] FirstNames = ["Maria", "Jose", "James", "Linh", "Ji-woo", "Carlos", "Ana", "David", "Fatima", "Wei"];
    private static readonly string[] Facilities = ["MDC", "77th Street", "Van Nuys", "Valley Jail Section", "Harbor"];
    private static readonly (string Code, string Text, string Level)[] Charges =
    [
        ("PC 211", "robbery", "felony"), ("PC 459", "burglary, second degree", "felony"), ("PC 484", "petty theft", "misdemeanor"),
        ("VC 23152(a)", "driving under the influence", "misdemeanor"), ("PC 245(a)(1)", "assault with a deadly weapon", "felony"),
        ("PC 602", "trespass", "misdemeanor"), ("HS 11350", "possession \"controlled substance\"", "misdemeanor"),
    ];
    private static readonly string[] Places = ["Los Angeles, CA", "Guadalajara, Mexico", "Manila", "San Salvador", "Seoul", "Houston, TX"];
    private static readonly string[] Citizenship = ["US", "MX", "PH", "SV", "KR", "GT", "unknown"];
    private static readonly string[] Status = ["citizen", "lpr", "unknown", "not recorded"];
    private static readonly string[] Streets = ["Main St", "Broadway", "Figueroa St", "Sunset Blvd", "Vermont Ave", "Olympic Blvd"];
    private static readonly string[] Cities = ["Los Angeles", "Van Nuys", "San Pedro", "Hollywood"];
    private static readonly string[] Employers = ["Acme Produce", "\"Best\" Car Wash, Inc.", "LA Garment Co", "self", ""];
    private static readonly string[] Eyes = ["brown", "blue", "green", "hazel"];

    /// <summary>Writes rows until at least <paramref name="megabytes"/> MB (10^6 bytes) are written.</summary>
    public static int Write(Stream output, long megabytes, int seed = 7)
    {
        var target = megabytes * 1_000_000;
        var random = new Random(seed);
        using var stream = new BufferedStream(output, 1 << 20);
        var line = new StringBuilder(512);
        var bytes = new byte[4096];
        line.AppendJoin(',', Header).Append('\n');
        long written = 0;
        for (var row = 0; written < target; row++)
        {
            if (row > 0)
                Row(line, random, row);
            var n = Encoding.UTF8.GetBytes(line.ToString(), bytes);
            stream.Write(bytes, 0, n);
            written += n;
            line.Clear();
        }
        return 0;
    }

    private static void Row(StringBuilder s, Random r, int row)
    {
        var c = CultureInfo.InvariantCulture;
        var charge = Charges[r.Next(Charges.Length)];
        var booked = new DateTime(2015, 1, 1).AddMinutes(r.Next(5_000_000));
        var last = LastNames[r.Next(LastNames.Length)];
        // A quarter of the rows carry a suffix after a comma: the name must be quoted.
        var lastName = r.Next(4) == 0 ? $"{last}, Jr." : last;
        s.Append(c, $"B{row:D9},{booked:yyyy-MM-ddTHH:mm},{Facilities[r.Next(Facilities.Length)]},{booked.AddHours(-2):yyyy-MM-ddTHH:mm},");
        s.Append(c, $"{r.Next(100, 9999)} {Streets[r.Next(Streets.Length)]},{r.Next(0, 100) * 1000},");
        s.Append(c, $"A{r.Next(10_000_000, 99_999_999)},{charge.Code},");
        Field(s, charge.Text).Append(',').Append(charge.Level).Append(',').Append(r.Next(0, 6)).Append(',');
        Field(s, lastName).Append(',').Append(FirstNames[r.Next(FirstNames.Length)]).Append(',').Append(FirstNames[r.Next(FirstNames.Length)]).Append(',');
        s.Append(c, $"{new DateOnly(1950, 1, 1).AddDays(r.Next(20_000)):yyyy-MM-dd},{(r.Next(2) == 0 ? 'M' : 'F')},{r.Next(150, 200)},{r.Next(45, 120)},");
        Field(s, Places[r.Next(Places.Length)]).Append(',').Append(Citizenship[r.Next(Citizenship.Length)]).Append(',').Append(Status[r.Next(Status.Length)]).Append(',');
        s.Append(c, $"{r.Next(100, 19999)} {Streets[r.Next(Streets.Length)]},{Cities[r.Next(Cities.Length)]},9{r.Next(0, 1000):D4},");
        Field(s, Employers[r.Next(Employers.Length)]).Append(',');
        s.Append(c, $"{r.Next(100, 9999)} {Streets[r.Next(Streets.Length)]},(213) 555-{r.Next(0, 10000):D4},user{row}@example.org,");
        s.Append(c, $"{booked.AddDays(r.Next(1, 400)):yyyy-MM-dd},{r.Next(100, 999)}-{r.Next(10, 99)}-{r.Next(1000, 9999)},D{r.Next(1_000_000, 9_999_999)},{r.Next(10000, 99999)},");
        Field(s, r.Next(3) == 0 ? "cooperative; said \"no comment\"" : "none").Append(',').Append(Eyes[r.Next(Eyes.Length)]).Append('\n');
    }

    /// <summary>Appends a CSV field, quoted only when it must be.</summary>
    private static StringBuilder Field(StringBuilder s, string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s.Append(value) : s.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
}
