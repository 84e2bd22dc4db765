using System.Data;
using System.Data.Common;

namespace PartnershipMiner.Storage.Sql;

/// <summary>
/// What differs between SQLite and PostgreSQL: how to connect, how a write transaction takes its locks, the few SQL
/// fragments that are not common to both, how a time or a JSON value is bound, and which failures mean "the database
/// cannot serve us" rather than "the request is wrong". Everything else is one implementation over ADO.NET.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>Folder of the embedded migration scripts.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>How the database is named in messages: a path, or database and host. Never a password.</summary>
    public abstract string Database { get; }

    /// <summary>Appended to a SELECT inside a write transaction that reads rows it will then change.</summary>
    public abstract string LockRows { get; }

    /// <summary>Appended to the claim's inner SELECT so that concurrent claimers pass each other's rows by.</summary>
    public abstract string SkipLockedRows { get; }

    /// <summary>A query returning one truthy value when the schema_version table exists.</summary>
    public abstract string SchemaVersionTableExists { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction. A write transaction must hold the write lock from its first statement, so that a
    /// read-then-write inside it cannot be overtaken by another writer.
    /// </summary>
    public abstract Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken);

    /// <summary>Runs once before migrations: what the database file or server needs before any schema exists.</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serialises concurrent migrators inside the migration's transaction.</summary>
    public virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public virtual DbCommand WithTime(DbCommand command, string name, DateTimeOffset? value) =>
        command.With(name, DbType.DateTimeOffset, value?.ToUniversalTime());

    public virtual DbCommand WithJson(DbCommand command, string name, string? json) =>
        command.With(name, DbType.String, json);

    /// <summary>
    /// A reason to report when <paramref name="error"/> means the database cannot serve requests at all
    /// (read-only, locked, full, unreachable); null when it is an ordinary error of the request.
    /// </summary>
    public abstract string? DescribeUnavailability(Exception error);

    public abstract ValueTask DisposeAsync();
}
