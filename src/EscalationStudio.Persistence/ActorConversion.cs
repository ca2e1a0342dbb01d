using EscalationStudio.Domain.Actors;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EscalationStudio.Persistence;

/// <summary>Actors are stored as their <c>kind:id</c> text, the same form the API and the timeline show.</summary>
internal sealed class ActorConversion() : ValueConverter<Actor, string>(actor => actor.ToString(), text => Actor.Parse(text))
{
    public const int MaxLength = 200;
}
