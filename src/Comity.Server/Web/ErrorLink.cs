namespace Comity.Server.Web;

/// <summary>One message of a form's error summary and the id of the field it is about (null: the form as a whole).</summary>
public sealed record ErrorLink(string Message, string? Target);
