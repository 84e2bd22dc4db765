using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>
/// The one implementation of <see cref="IPartnershipStore"/> over ADO.NET; <see cref="SqlitePartnershipStore"/> and
/// <see cref="PostgresPartnershipStore"/> only supply their dialect. Every operation opens a pooled connection of its
/// own, so one store may be used from many tasks at once. The schema is created or migrated on first use.
/// </summary>
public abstract partial class RelationalPartnershipStore : IPartnershipStore
{
    private readonly SqlDialect dialect;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SchemaMigrator migrator;
    private readonly SemaphoreSlim initializeGate = new(1, 1);
    private volatile bool initialized;

    private protected RelationalPartnershipStore(SqlDialect dialect, TimeProvider? timeProvider, ILogger? logger)
    {
        this.dialect = dialect;
        time = timeProvider ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        migrator = new SchemaMigrator(dialect, time, this.logger);
    }

    /// <summary>The database as named in messages: the SQLite file's full path, or the PostgreSQL database and host.</summary>
    public string Database => dialect.Database;

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await EnsureInitializedAsync(cancellationToken);
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        await dialect.DisposeAsync();
        initializeGate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The applied migrations, oldest first (for tests and diagnostics).</summary>
    internal Task<IReadOnlyList<(int Version, string Name)>> ReadAppliedMigrationsAsync(CancellationToken cancellationToken) =>
        GuardAsync(() => migrator.ReadAppliedAsync(cancellationToken));

    internal int LatestSchemaVersion => migrator.LatestVersion;

    /// <summary>One value from a query on a connection opened as the store opens them (tests check pragmas and rows).</summary>
    internal Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                await using var command = connection.Command(null, sql);
                var value = await command.ExecuteScalarAsync(cancellationToken);
                return value is DBNull ? null : value;
            },
            cancellationToken);

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            return;
        }

        await initializeGate.WaitAsync(cancellationToken);
        try
        {
            if (!initialized)
            {
                await migrator.MigrateAsync(cancellationToken);
                initialized = true;
                StoreLog.Ready(logger, dialect.Database, migrator.LatestVersion);
            }
        }
        finally
        {
            initializeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection of an initialised store.</summary>
    private Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await EnsureInitializedAsync(cancellationToken);
            await using var connection = await dialect.OpenAsync(cancellationToken);
            return await work(connection);
        });

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction: it commits as a whole or, on any exception, not at all.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                await using var transaction = await dialect.BeginAsync(connection, write: true, cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);

    /// <summary>Turns the database's "cannot serve" failures into <see cref="StoreUnavailableException"/>.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e) when (dialect.DescribeUnavailability(e) is { } reason)
        {
            throw new StoreUnavailableException(dialect.Database, reason, e);
        }
    }
}
