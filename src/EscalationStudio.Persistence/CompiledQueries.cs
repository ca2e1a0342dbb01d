using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EscalationStudio.Persistence;

/// <summary>
/// A set of compiled queries (a class whose properties are <c>EF.CompileAsyncQuery</c> delegates), made once per EF Core
/// model: a compiled query serves only the model it first ran with, and one process may hold a SQLite and a PostgreSQL
/// model (the provider tests, a migration tool).
/// </summary>
/// <remarks>
/// The hot queries are compiled because, run as LINQ, EF Core walks and hashes the expression tree on every call to find
/// its cached plan, and builds the tree itself first: 9 % of the server's time while the policies worked off a backlog,
/// and a fifth of a timeline request's.
/// </remarks>
internal static class CompiledQueries<TSet>
    where TSet : class, new()
{
    private static readonly ConditionalWeakTable<IModel, TSet> ByModel = [];

    public static TSet For(DbContext db) => ByModel.GetValue(db.Model, _ => new TSet());
}
