namespace FastLwm2m.Storage.Sqlite.Internal;

/// <summary>One step of the schema: applied once, in <see cref="Version"/> order, recorded in <c>schema_version</c>.</summary>
/// <param name="Version">1, 2, 3…: consecutive, never reused, never edited once released.</param>
/// <param name="Description">What it adds, recorded beside the version.</param>
/// <param name="Sql">The statements, run in the migration transaction.</param>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
