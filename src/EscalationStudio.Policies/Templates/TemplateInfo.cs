namespace EscalationStudio.Policies.Templates;

/// <summary>
/// A template in <c>templates/</c>, as the designer lists it.
/// </summary>
/// <param name="Name">Path below the templates folder without extension, with forward slashes: <c>agent/escalation-briefing</c>.</param>
/// <param name="Audience">The first folder: <c>agent</c>, <c>customer</c> or <c>approval</c>; it tells the designer where a template fits.</param>
/// <param name="Description">The template's first comment (<c>{{~ ## ... ## ~}}</c>), shown as its help text.</param>
public sealed record TemplateInfo(string Name, string Audience, string Description, string File);
