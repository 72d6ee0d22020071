namespace Comity.Storage;

/// <summary>A <c>--store</c> (or <c>Comity:Store</c>) value Comity cannot use; the message names the value (without its password) and the problem.</summary>
public sealed class StoreConfigurationException(string message) : Exception(message);
