namespace Comity.Engine.Internal;

/// <summary>
/// What one layer says about one question once its exceptions are applied: deny beats refer
/// beats must beats floor beats permit; must together with deny is a contradiction of the layer.
/// </summary>
internal enum LayerEffect { None, Permit, Floor, Must, Refer, Deny, Contradiction }
