using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace PartnershipMiner.Storage.Sql;

/// <summary>A PostgreSQL database shared by several workers; row locks let their claims pass each other.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    // Any fixed key will do: it only has to be the same for every migrator of this schema.
    private const long SchemaLockKey = 0x506D5363_68656D61; // "PmSchema"

    private readonly NpgsqlDataSource dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = PostgresConnectionString.Parse(connectionString);
        Database = $"PostgreSQL database '{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string MigrationFolder => "postgres";

    public override string Database { get; }

    public override string LockRows => " FOR UPDATE";

    public override string SkipLockedRows => " FOR UPDATE SKIP LOCKED";

    // A scan of the catalog with the statement's snapshot, not to_regclass(): that consults the backend's name cache,
    // which can still say "no such table" after waiting on the schema lock for another migrator that created it.
    public override string SchemaVersionTableExists =>
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_version')";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public override async Task<DbTransaction> BeginAsync(DbConnection connection, bool write, CancellationToken cancellationToken) =>
        // Writers lock the rows they touch explicitly (FOR UPDATE); readers get one snapshot for a consistent status.
        await connection.BeginTransactionAsync(write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, cancellationToken);

    public override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, "SELECT pg_advisory_xact_lock(@key)").With("key", DbType.Int64, SchemaLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override DbCommand WithJson(DbCommand command, string name, string? json)
    {
        command.Parameters.Add(new NpgsqlParameter(DbCommandExtensions.Placeholder(name), NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value });
        return command;
    }

    public override string? DescribeUnavailability(Exception error) => error switch
    {
        PostgresException e => e.SqlState switch
        {
            PostgresErrorCodes.DiskFull => "the server's disk is full",
            PostgresErrorCodes.ReadOnlySqlTransaction => "the database is read-only",
            PostgresErrorCodes.InvalidCatalogName => "the database does not exist",
            PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                "the server refused the credentials",
            PostgresErrorCodes.TooManyConnections => "the server has too many connections",
            PostgresErrorCodes.LockNotAvailable => "a lock could not be obtained in time",
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow =>
                "the server is shutting down or starting up",
            _ when e.SqlState.StartsWith("08", StringComparison.Ordinal) => $"the connection failed ({e.MessageText})",
            _ when e.SqlState.StartsWith("53", StringComparison.Ordinal) => $"the server is out of resources ({e.MessageText})",
            _ => null,
        },
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } e =>
            $"the server cannot be reached ({e.InnerException!.Message})",
        NpgsqlException { IsTransient: true } e => $"the server cannot be reached ({e.Message})",
        _ => null,
    };

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
