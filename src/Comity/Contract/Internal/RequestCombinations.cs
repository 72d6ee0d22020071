namespace Comity.Contract.Internal;

/// <summary>Facts that are each well formed but cannot stand together, checked once a request has read.</summary>
internal static class RequestCombinations
{
    /// <summary>The places <c>placeArea</c> qualifies (contract 1.1).</summary>
    public static readonly Place[] PlacesWithAreas = [Place.Library, Place.HealthFacility, Place.Shelter, Place.Park, Place.ParkingLot, Place.Office];

    /// <summary>The documents a court issues, which <c>document.court</c> names.</summary>
    public static readonly DocumentType[] CourtDocuments = [DocumentType.JudicialWarrant, DocumentType.JudicialProbableCause, DocumentType.CourtOrder];

    public static void Check(DecisionRequest r, JsonReading reading)
    {
        if (r.Act is Act.Disclose or Act.BulkDisclose && r.Data.Count == 0)
            reading.Error("$.data", $"required for act {Vocabularies.Acts.Name(r.Act)}: list the data items asked for");
        if (r.Act is Act.FacilityAccess or Act.PropertyUse && r.Place is null)
            reading.Error("$.place", $"required for act {Vocabularies.Acts.Name(r.Act)}; expected {Vocabularies.Places.Expected}");
        if (r.Act is Act.TaskForce && r.TaskForce is null)
            reading.Error("$.taskForce", "required for act task-force: an object with primaryPurposeImmigration, dutiesPrimarilyImmigration, dedicatedResources, federalMembers");
        Distinct("$.data", r.Data, reading);
        Distinct("$.dataPublic", r.DataPublic, reading);
        Within("$.dataPublic", r.DataPublic, r.Data, reading);
        if (r.DataHeld is { } held)
        {
            Distinct("$.dataHeld", held, reading);
            Within("$.dataHeld", held, r.Data, reading);
        }
        if (r.PlaceArea is not null && (r.Place is not { } place || !PlacesWithAreas.Contains(place)))
            reading.Error("$.placeArea", $"qualifies only place {string.Join(", ", PlacesWithAreas.Select(Vocabularies.Places.Name))}; "
                + (r.Place is { } p ? $"place is {Vocabularies.Places.Name(p)}" : "no place is given"));
        if (r.Document.Court is not null && !CourtDocuments.Contains(r.Document.Type))
            reading.Error("$.document.court", $"names the court of a {string.Join(", ", CourtDocuments.Select(Vocabularies.DocumentTypes.Name))}; "
                + $"document.type is {Vocabularies.DocumentTypes.Name(r.Document.Type)}");
        for (var i = 0; i < r.Subject.Convictions.Count; i++)
            if (r.Subject.Convictions[i].Date > r.ReceivedOn)
                reading.Error($"$.subject.convictions[{i}].date", "is after receivedAt: a conviction cannot postdate the request");
        if (r.Subject.Identity?.DateOfBirth > r.ReceivedOn)
            reading.Error("$.subject.identity.dateOfBirth", "is after receivedAt: the person was born before the request");
    }

    private static void Distinct(string path, IReadOnlyList<DataItem> items, JsonReading reading)
    {
        for (var i = 0; i < items.Count; i++)
            for (var j = 0; j < i; j++)
                if (items[i] == items[j])
                {
                    reading.Error($"{path}[{i}]", $"{Vocabularies.DataItems.Name(items[i])} is listed twice");
                    break;
                }
    }

    private static void Within(string path, IReadOnlyList<DataItem> items, IReadOnlyList<DataItem> data, JsonReading reading)
    {
        for (var i = 0; i < items.Count; i++)
            if (!data.Contains(items[i]))
                reading.Error($"{path}[{i}]", $"{Vocabularies.DataItems.Name(items[i])} is not one of the items asked for in data");
    }
}
