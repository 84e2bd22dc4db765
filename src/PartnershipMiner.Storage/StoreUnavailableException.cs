namespace PartnershipMiner.Storage;

/// <summary>
/// The database cannot serve the request for a reason outside the program: the file is read-only, another process holds
/// the write lock past the busy timeout, the disk is full, the server is unreachable. Work already committed is intact;
/// the operation that raised this was rolled back as a whole.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string database, string reason, Exception? inner)
        : base($"The partnership store {database} is unavailable: {reason}", inner)
    {
        Database = database;
        Reason = reason;
    }

    /// <summary>The file path (SQLite) or database and host (PostgreSQL), never a password.</summary>
    public string Database { get; }

    public string Reason { get; }
}
