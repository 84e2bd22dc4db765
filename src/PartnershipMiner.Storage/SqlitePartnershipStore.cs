using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>
/// The default store: one SQLite file (WAL mode, foreign keys on), created with its directory and schema on first use.
/// Several store instances and processes may share the file; writers take turns, waiting up to the busy timeout.
/// </summary>
public sealed class SqlitePartnershipStore : RelationalPartnershipStore
{
    /// <summary>How long a write waits for another connection's write lock before giving up (whole seconds, rounded up).</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(15);

    public SqlitePartnershipStore(string path, TimeProvider? timeProvider = null, ILogger? logger = null, TimeSpan? busyTimeout = null)
        : base(new SqliteDialect(path, busyTimeout ?? DefaultBusyTimeout, logger ?? NullLogger.Instance), timeProvider, logger)
    {
    }
}
