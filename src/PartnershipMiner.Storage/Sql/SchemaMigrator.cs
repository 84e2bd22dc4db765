using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PartnershipMiner.Storage.Sql;

/// <summary>One schema step: a numbered SQL script applied in a transaction of its own.</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>
    /// The dialect's scripts, embedded as "migrations/{folder}/NNNN_name.sql". Numbers must run 1, 2, 3... so that a
    /// missing or doubled file fails at start rather than leaving a gap in someone's schema.
    /// </summary>
    public static IReadOnlyList<Migration> Load(string folder)
    {
        var assembly = typeof(Migration).Assembly;
        var prefix = $"migrations/{folder}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = Path.GetFileNameWithoutExtension(resource[prefix.Length..]);
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(underscore < 0 ? fileName : fileName[..underscore], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, underscore < 0 ? fileName : fileName[(underscore + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations for {folder} must be numbered 1..n without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }
}

/// <summary>
/// Brings a database to the newest schema. Safe to run at every start and from several processes at once: each step
/// re-reads the version under the dialect's schema lock and skips what another process has already applied.
/// </summary>
internal sealed class SchemaMigrator(SqlDialect dialect, TimeProvider time, ILogger logger)
{
    private readonly IReadOnlyList<Migration> migrations = Migration.Load(dialect.MigrationFolder);

    public int LatestVersion => migrations.Count;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await dialect.PrepareAsync(connection, cancellationToken);

        // A read first: a database that is already current needs no write lock, so a read-only copy still opens.
        var current = await ReadVersionAsync(connection, null, cancellationToken);
        if (current > LatestVersion)
        {
            throw new StoreUnavailableException(
                dialect.Database,
                $"its schema version {current} is newer than this program knows ({LatestVersion}); upgrade the program",
                null);
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await using var transaction = await dialect.BeginAsync(connection, write: true, cancellationToken);
            await dialect.LockSchemaAsync(connection, transaction, cancellationToken);
            if (await ReadVersionAsync(connection, transaction, cancellationToken) >= migration.Version)
            {
                continue;
            }

            await using (var script = connection.Command(transaction, migration.Sql))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var mark = connection.Command(transaction, "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @at)"))
            {
                mark.With("version", DbType.Int32, migration.Version).With("name", DbType.String, migration.Name);
                await dialect.WithTime(mark, "at", time.GetUtcNow()).ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            StoreLog.MigrationApplied(logger, dialect.Database, migration.Version, migration.Name);
        }
    }

    public async Task<IReadOnlyList<(int Version, string Name)>> ReadAppliedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await using var command = connection.Command(null, "SELECT version, name FROM schema_version ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new List<(int, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        return applied;
    }

    private async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using (var exists = connection.Command(transaction, dialect.SchemaVersionTableExists))
        {
            if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture))
            {
                return 0;
            }
        }

        await using var max = connection.Command(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        return Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
