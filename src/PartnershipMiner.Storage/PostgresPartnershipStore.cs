using Microsoft.Extensions.Logging;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>
/// The store for several workers on several machines: a PostgreSQL database whose claims lock rows with
/// FOR UPDATE SKIP LOCKED, so that concurrent workers never take the same document.
/// </summary>
public sealed class PostgresPartnershipStore : RelationalPartnershipStore
{
    /// <param name="connectionString">"Host=...;Database=..." or "postgres://user:password@host:port/database".</param>
    public PostgresPartnershipStore(string connectionString, TimeProvider? timeProvider = null, ILogger? logger = null)
        : base(new PostgresDialect(connectionString), timeProvider, logger)
    {
    }
}
