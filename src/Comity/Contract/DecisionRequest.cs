namespace Comity.Contract;

/// <summary>A request from an immigration authority, as contract v1 describes it.</summary>
public sealed record DecisionRequest
{
    /// <summary>The caller's own reference, echoed back in the answer.</summary>
    public string? Id { get; init; }

    /// <summary><c>receivedAt</c> exactly as sent (a date or a date-time), echoed into records.</summary>
    public required string ReceivedAt { get; init; }

    /// <summary>The calendar day of <c>receivedAt</c> in its own offset: the day whose law decides.</summary>
    public required DateOnly ReceivedOn { get; init; }

    /// <summary>The stack that decides (<c>us/ca/los-angeles</c>); null for the configured default.</summary>
    public string? Jurisdiction { get; init; }

    public required Actor Actor { get; init; }
    public required Requester Requester { get; init; }
    public required Act Act { get; init; }
    public required Purpose Purpose { get; init; }
    public required Document Document { get; init; }

    /// <summary>The data items asked for; each is decided on its own.</summary>
    public IReadOnlyList<DataItem> Data { get; init; } = [];

    /// <summary>The items of <see cref="Data"/> already available to the public.</summary>
    public IReadOnlyList<DataItem> DataPublic { get; init; } = [];

    public Place? Place { get; init; }
    public TaskForce? TaskForce { get; init; }
    public Subject Subject { get; init; } = new();
}

public sealed record Actor(string Unit, ActorKind Kind);

public sealed record Requester(Agency Agency, string? Office = null, string? Officer = null);

public sealed record Document
{
    public required DocumentType Type { get; init; }
    public bool IssuedByFederalJudge { get; init; }
    public bool FederalCriminalImmigrationLaw { get; init; }
    public bool NamesSubject { get; init; }
    public bool CoversPlace { get; init; }
}

public sealed record TaskForce(bool PrimaryPurposeImmigration, bool DutiesPrimarilyImmigration, bool DedicatedResources, bool FederalMembers);

public sealed record Subject
{
    public bool InCustody { get; init; }
    public IReadOnlyList<Conviction> Convictions { get; init; } = [];
    public bool SexArsonRegistrant { get; init; }
    public bool FederalFelonyWarrant { get; init; }
    public IReadOnlyList<Charge> MagistrateProbableCause { get; init; } = [];
    public bool ReentryAfterAggravatedFelony { get; init; }
    public bool HateCrimeVictimOrWitnessNotCharged { get; init; }
}

public sealed record Conviction
{
    /// <summary>The offence as the court recorded it, e.g. <c>PC 211</c> or <c>PC 245(a)(1)</c>.</summary>
    public required string Code { get; init; }
    public required ConvictionLevel Level { get; init; }
    public bool Wobbler { get; init; }
    public required DateOnly Date { get; init; }
    public ConvictionJurisdiction Jurisdiction { get; init; } = ConvictionJurisdiction.Ca;
    /// <summary>Classes the caller asserts beyond what the stack's offence tables derive from the code.</summary>
    public IReadOnlyList<OffenceClass> Classes { get; init; } = [];
    public bool ReducedByProp47 { get; init; }
}

/// <summary>A charge on which a magistrate found probable cause (Penal Code 872).</summary>
public sealed record Charge
{
    public required string Code { get; init; }
    public IReadOnlyList<OffenceClass> Classes { get; init; } = [];
}
