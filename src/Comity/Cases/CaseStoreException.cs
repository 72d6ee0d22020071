namespace Comity.Cases;

/// <summary>The case database cannot be used as it is (a newer schema, a file that is not a database).</summary>
public sealed class CaseStoreException(string message, Exception? inner = null) : Exception(message, inner);
