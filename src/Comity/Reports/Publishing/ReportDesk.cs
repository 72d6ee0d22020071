using System.Collections.Concurrent;
using System.Globalization;
using Comity.Contract;
using Comity.Law;
using Comity.Ledger;
using Comity.Reports.Formats;

namespace Comity.Reports.Publishing;

/// <summary>A draft made on request: what it is, the ledger state it reflects, and its files (unsigned, each page marked "Draft: not published").</summary>
public sealed record ReportDraft(string Id, string Jurisdiction, string Report, string Period, string Copy, long TreeSize, string Formats, ReportBuild Build, DateTimeOffset MadeAt, string MadeBy);

/// <summary>
/// The reports' desk for a running server (reports.md section 9): drafts made on request and
/// published from the server's own ledger. The server holds the ledger's write lock, so
/// publishing while it runs goes through here, never through <c>comity report --publish</c>.
/// A draft's id says everything needed to make it again (jurisdiction, report, period, copy, tree
/// size, formats), so publishing rebuilds the draft at the same checkpoint, signed, even after a
/// restart; the files a person previewed are the files published, but for the draft mark.
/// </summary>
public sealed class ReportDesk(TransparencyLog ledger, string dataFolder, string stacksRoot, Func<string, SubjectIdentity?> identityOf)
{
    public const string TruthAct = "truth-act";
    public const string Sb54 = "sb54";
    public const string Transparency = Reports.Transparency.TransparencyReport.Name;

    /// <summary>The reports that are published, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> Names = [TruthAct, Sb54, Transparency];

    /// <summary>Drafts kept for preview; older ones are forgotten (their ids still publish).</summary>
    public const int MaxDrafts = 32;

    private readonly ConcurrentDictionary<string, ReportDraft> drafts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<(Stack Stack, ReportMapping Mapping)>> stacks = new(StringComparer.Ordinal);
    private readonly Lazy<PersonKeys> keys = new(() => PersonKeys.ForDataFolder(dataFolder));

    public ReportStore Store { get; } = new(dataFolder);
    public TransparencyLog Ledger => ledger;

    /// <summary>The jurisdictions under the stacks root whose stack ships a report mapping (<c>us/ca/los-angeles</c>), ordered.</summary>
    public IReadOnlyList<string> Jurisdictions() =>
        Directory.Exists(stacksRoot)
            ? [.. Directory.EnumerateFiles(stacksRoot, StackLoader.StackFile, SearchOption.AllDirectories)
                .Select(p => Path.GetDirectoryName(p)!)
                .Where(d => File.Exists(Path.Combine(d, ReportMapping.FileName)))
                .Select(d => Path.GetRelativePath(stacksRoot, d).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The stack and report mapping of a jurisdiction, loaded once.</summary>
    public (Stack Stack, ReportMapping Mapping) StackOf(string jurisdiction)
    {
        if (!Jurisdictions().Contains(jurisdiction, StringComparer.Ordinal))
            throw new ReportRequestException("jurisdiction", $"\"{jurisdiction}\" is not a jurisdiction with a report mapping here; give one of: {string.Join(", ", Jurisdictions())}");
        return stacks.GetOrAdd(jurisdiction, j => new Lazy<(Stack, ReportMapping)>(() =>
        {
            var folder = Path.Combine(stacksRoot, j);
            var stack = StackLoader.Load(folder);
            return (stack, ReportMapping.Load(folder, stack));
        })).Value;
    }

    public ReportMaker Maker(string jurisdiction, bool forPublishing, string? reason = null, Reports.TruthAct.Forum.ForumRequest? forum = null)
    {
        var (stack, mapping) = StackOf(jurisdiction);
        return new ReportMaker(ledger, stack, mapping, keys.Value, identityOf) { ForPublishing = forPublishing, Store = Store, Reason = reason, ProjectionFolder = dataFolder, Forum = forum };
    }

    /// <summary>
    /// Where a draft's forum (the JSON of a forum file, checked) is kept by its key, the first 16
    /// hex digits of its SHA-256, so that publishing the draft, even after a restart, makes the
    /// same notices: the key is the draft id's last part.
    /// </summary>
    private string ForumPath(string key) => Path.Combine(Store.Root, "forums", key + ".json");

    /// <summary>Checks a forum given with a draft request (no file is read: policies give their sha256) and keeps it; returns its key.</summary>
    /// <exception cref="ReportRequestException">naming <c>forum</c> when it is not a forum file's content, or names a unit the mapping has not.</exception>
    public string KeepForum(string jurisdiction, byte[] forum)
    {
        try
        {
            Reports.TruthAct.Forum.ForumDetails.Parse(forum, "forum").CheckUnits(StackOf(jurisdiction).Mapping, "forum");
        }
        catch (ReportException e) when (e is not ReportRequestException)
        {
            throw new ReportRequestException("forum", e.Message);
        }
        var key = ReportPublisher.Sha256(forum)[..16];
        var path = ForumPath(key);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, forum);
        }
        return key;
    }

    private Reports.TruthAct.Forum.ForumRequest? ForumOf(string jurisdiction, string? key, DateTimeOffset at)
    {
        if (key is null)
            return null;
        var path = ForumPath(key);
        if (!File.Exists(path))
            throw new ReportRequestException("draft", $"the forum of this draft ({key}) is no longer kept in {Path.GetDirectoryName(path)}: make the draft again with its forum");
        var bytes = File.ReadAllBytes(path);
        if (!ReportPublisher.Sha256(bytes).StartsWith(key, StringComparison.Ordinal))
            throw new ReportRequestException("draft", $"the kept forum {path} does not match its key {key}: it was altered");
        var mapping = StackOf(jurisdiction).Mapping;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, mapping.TimeZone).DateTime);
        return new(Reports.TruthAct.Forum.ForumDetails.Parse(bytes, "forum"), Reports.TruthAct.Forum.ForumNoticeTemplate.LoadAll(Path.Combine(stacksRoot, jurisdiction)), today);
    }

    /// <summary>Catches the kept projection of <paramref name="jurisdiction"/> up to the latest checkpoint (the server's background keeper, <see cref="KeptProjection.Keep"/>).</summary>
    public KeptProjection.Outcome KeepProjection(string jurisdiction)
    {
        var (stack, mapping) = StackOf(jurisdiction);
        return KeptProjection.Keep(ledger, dataFolder, mapping, stack, keys.Value, identityOf);
    }

    /// <summary>Checks a report name, period and copy as a caller gave them; the copy defaults to the report's only one (R2 internal, R3 public) or public.</summary>
    public static string CheckRequest(string report, string period, string? copy)
    {
        if (!Names.Contains(report, StringComparer.Ordinal))
            throw new ReportRequestException("report", $"\"{report}\" is not a report: give {string.Join(", ", Names)}");
        if (report == Transparency)
        {
            try
            {
                Reports.Transparency.TransparencyPeriod.Parse(period);
            }
            catch (ReportException)
            {
                throw new ReportRequestException("period", $"{period}: the transparency page is published through a quarter from 2000-Q1, such as 2026-Q1");
            }
        }
        else if (report == TruthAct)
        {
            if (Reports.TruthAct.AgencyScope.ParseKey(period) is null)
                throw new ReportRequestException("period", $"{period}: truth-act is published for a calendar year from 2000 to 9998, such as 2025, or for one agency's year, such as 2025-lapd");
        }
        else if (period.Length != 4 || !int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 9998)
            throw new ReportRequestException("period", $"{period}: {report} is published for a calendar year from 2000 to 9998, such as 2025");
        var only = report switch { Sb54 => ReportMaker.Internal, Transparency => ReportMaker.Public, _ => null };
        copy ??= only ?? ReportMaker.Public;
        if (copy is not (ReportMaker.Public or ReportMaker.Internal))
            throw new ReportRequestException("copy", $"\"{copy}\": a copy is public or internal");
        if (only is not null && copy != only)
            throw new ReportRequestException("copy", $"{report} has only a {only} copy");
        return copy;
    }

    /// <summary>Makes a draft of <paramref name="report"/> for <paramref name="period"/> at the latest signed checkpoint (or <paramref name="treeSize"/>).</summary>
    /// <exception cref="ReportRequestException">when the request names what is not (a report, period, copy, jurisdiction or format).</exception>
    /// <param name="forum">For truth-act: the forum the report is for, as the JSON of a forum file (policies by sha256); the draft writes its notices.</param>
    public ReportDraft Draft(string jurisdiction, string report, string period, string? copy, string formats, long? treeSize, string madeBy, DateTimeOffset at, byte[]? forum = null)
    {
        copy = CheckRequest(report, period, copy);
        if (forum is not null && report != TruthAct)
            throw new ReportRequestException("forum", $"only truth-act announces a forum; {report} takes none");
        string kept;
        try
        {
            kept = string.Join('-', ReportFormats.Parse(formats, "formats").Order(StringComparer.Ordinal));
        }
        catch (ReportException e)
        {
            throw new ReportRequestException("formats", e.Message);
        }
        if (!MappingPublishes(jurisdiction, report))
            throw new ReportRequestException("report", $"the report mapping of {jurisdiction} publishes {string.Join(", ", StackOf(jurisdiction).Mapping.Reports)}, not {report}: the law there asks for no such report");
        if (report == TruthAct && Reports.TruthAct.AgencyScope.ParseKey(period) is (_, { } unit))
            Reports.TruthAct.AgencyScope.Of(StackOf(jurisdiction).Mapping, unit); // an agency the mapping does not name is the caller's mistake, said before any counting
        var size = treeSize ?? ledger.Checkpoint().Size;
        if (size < 0 || size > ledger.Checkpoint().Size)
            throw new ReportRequestException("checkpoint", $"checkpoint {size}: the latest signed checkpoint covers {ledger.Checkpoint().Size} entries");
        var forumKey = forum is null ? null : KeepForum(jurisdiction, forum);
        var build = Make(jurisdiction, report, period, copy, size, kept, forPublishing: false, forum: ForumOf(jurisdiction, forumKey, at));
        var id = string.Join('.', new[] { ReportStore.Slug(jurisdiction), report, period, copy, size.ToString(CultureInfo.InvariantCulture), kept, forumKey }.OfType<string>());
        if (build.Status == ReportStatus.Written)
            build.Files["manifest.json"] = build.Manifest.Write(build.Files);
        var draft = new ReportDraft(id, jurisdiction, report, period, copy, size, kept, build, at, madeBy);
        drafts[id] = draft;
        foreach (var old in drafts.Values.OrderByDescending(d => d.MadeAt).Skip(MaxDrafts).ToList())
            drafts.TryRemove(old.Id, out _);
        return draft;
    }

    public bool MappingPublishes(string jurisdiction, string report) => StackOf(jurisdiction).Mapping.Reports.Contains(report, StringComparer.Ordinal);

    /// <summary>The drafts made since the server started (the newest <see cref="MaxDrafts"/>), newest first.</summary>
    public IReadOnlyList<ReportDraft> Drafts() => [.. drafts.Values.OrderByDescending(d => d.MadeAt)];

    public ReportDraft? FindDraft(string id) => drafts.GetValueOrDefault(id);

    /// <summary>Every published version the ledger records, oldest first.</summary>
    public IReadOnlyList<PublishedReport> Published() => ReportPublisher.All(ledger, Store);

    /// <summary>Publishes a draft (roles counsel, admin: the door checks): made again at its checkpoint, signed, recorded, stored.</summary>
    /// <exception cref="ReportRequestException">when the id names no draft, or the report cannot be published as it stands.</exception>
    public async Task<PublishedVersion> PublishAsync(string draftId, string? reason, string publishedBy, DateTimeOffset at)
    {
        var (jurisdiction, report, period, copy, size, formats, forumKey) = ParseId(draftId);
        if (size > ledger.Checkpoint().Size)
            throw new ReportRequestException("draft", $"draft {draftId} reflects {size} ledger entries, more than the ledger holds");
        var forum = ForumOf(jurisdiction, forumKey, at);
        var build = await Task.Run(() => Make(jurisdiction, report, period, copy, size, formats, forPublishing: true, reason, forum)).ConfigureAwait(false);
        if (build.Status != ReportStatus.Written)
            throw new ReportRequestException("draft", $"draft {draftId} cannot be published: {string.Join("; ", build.Messages)}");
        try
        {
            return await ReportPublisher.PublishAsync(ledger, Store, build, reason, publishedBy, at).ConfigureAwait(false);
        }
        catch (ReportException e) when (e is not ReportRequestException)
        {
            throw new ReportRequestException(e.Message.Contains("--reason", StringComparison.Ordinal) ? "reason" : "draft", e.Message.Replace("(--reason)", "(reason)", StringComparison.Ordinal));
        }
    }

    private (string Jurisdiction, string Report, string Period, string Copy, long TreeSize, string Formats, string? ForumKey) ParseId(string id)
    {
        var parts = id.Split('.');
        if (parts.Length is not (6 or 7) || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || (parts.Length == 7 && (parts[6].Length != 16 || !parts[6].All(char.IsAsciiHexDigitLower))))
            throw new ReportRequestException("draft", $"\"{id}\" is not a draft id (make one with POST /api/v1/reports/{{report}}/{{period}}/drafts)");
        var jurisdiction = Jurisdictions().FirstOrDefault(j => ReportStore.Slug(j) == parts[0])
            ?? throw new ReportRequestException("draft", $"draft {id}: \"{parts[0]}\" is not a jurisdiction with a report mapping here");
        var copy = CheckRequest(parts[1], parts[2], parts[3]);
        ReportFormats.Parse(parts[5].Replace('-', ','), "draft");
        return (jurisdiction, parts[1], parts[2], copy, size, parts[5], parts.Length == 7 ? parts[6] : null);
    }

    private ReportBuild Make(string jurisdiction, string report, string period, string copy, long treeSize, string formats, bool forPublishing, string? reason = null,
        Reports.TruthAct.Forum.ForumRequest? forum = null)
    {
        var maker = Maker(jurisdiction, forPublishing, reason, forum);
        var build = report switch
        {
            TruthAct => Reports.TruthAct.AgencyScope.ParseKey(period) is var (year, unit) ? maker.TruthAct(year, copy, treeSize, unit) : throw new ReportRequestException("period", $"{period} is not a period of truth-act"),
            Sb54 => maker.Sb54(int.Parse(period, CultureInfo.InvariantCulture), treeSize),
            _ => maker.Transparency(period, Store, treeSize),
        };
        if (build.Status == ReportStatus.Written)
            ReportFormats.Apply(build, formats.Replace('-', ','), "formats");
        return build;
    }
}
