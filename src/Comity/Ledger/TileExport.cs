namespace Comity.Ledger;

/// <summary>What <see cref="TransparencyLog.ExportTiles"/> wrote: the checkpoint's tree size and how many files.</summary>
public sealed record TileExport(string Directory, long TreeSize, int HashTiles, int EntryBundles);
