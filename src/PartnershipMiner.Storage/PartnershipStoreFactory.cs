using Microsoft.Extensions.Logging;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>Chooses the store from one setting, so that hosts and the CLI accept a path or a server alike.</summary>
public static class PartnershipStoreFactory
{
    /// <summary>
    /// A value starting with "Host=", "postgres://" or "postgresql://" opens PostgreSQL; anything else is the path of a
    /// SQLite file. Nothing is connected until the store's first use. <paramref name="sqliteBusyTimeout"/> is how long a
    /// SQLite write waits for another connection's lock (default <see cref="SqlitePartnershipStore.DefaultBusyTimeout"/>).
    /// </summary>
    public static IPartnershipStore Open(
        string dbOrConnectionString, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, TimeSpan? sqliteBusyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dbOrConnectionString);
        return IsPostgres(dbOrConnectionString)
            ? new PostgresPartnershipStore(dbOrConnectionString, timeProvider, loggerFactory?.CreateLogger<PostgresPartnershipStore>())
            : new SqlitePartnershipStore(dbOrConnectionString, timeProvider, loggerFactory?.CreateLogger<SqlitePartnershipStore>(), sqliteBusyTimeout);
    }

    public static bool IsPostgres(string dbOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(dbOrConnectionString);
        var value = dbOrConnectionString.TrimStart();
        return value.StartsWith("Host=", StringComparison.OrdinalIgnoreCase) || PostgresConnectionString.IsUri(value);
    }
}
