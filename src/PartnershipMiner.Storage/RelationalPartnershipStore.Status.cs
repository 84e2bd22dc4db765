using System.Data;
using System.Data.Common;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>The figures a status page shows, read from one snapshot so that they agree with each other.</summary>
public abstract partial class RelationalPartnershipStore
{
    private const int RecentErrorCount = 10;

    public Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                await using var snapshot = await dialect.BeginAsync(connection, write: false, cancellationToken);
                var now = time.GetUtcNow();

                var documents = Enum.GetValues<DocumentState>().ToDictionary(s => s, _ => 0);
                await ReadCountsAsync(connection, snapshot, "SELECT state, COUNT(*) FROM documents GROUP BY state",
                    (name, count) => documents[WireNames.ParseState(name)] = count, cancellationToken);

                var records = Enum.GetValues<ReviewStatus>().ToDictionary(s => s, _ => 0);
                await ReadCountsAsync(connection, snapshot, "SELECT status, COUNT(*) FROM records GROUP BY status",
                    (name, count) => records[WireNames.ParseStatus(name)] = count, cancellationToken);

                var errors = new List<DocumentError>();
                await using (var select = connection.Command(snapshot, """
                    SELECT e.document_id, d.source, e.error, e.at
                    FROM document_errors e JOIN documents d ON d.id = e.document_id
                    ORDER BY e.at DESC, e.id DESC
                    LIMIT @count
                    """).With("count", DbType.Int32, RecentErrorCount))
                await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        errors.Add(new DocumentError(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
                    }
                }

                int doneLastHour;
                await using (var done = connection.Command(snapshot, "SELECT COUNT(*) FROM documents WHERE state = 'done' AND done_at >= @since"))
                {
                    dialect.WithTime(done, "since", now - TimeSpan.FromHours(1));
                    doneLastHour = Convert.ToInt32(await done.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                }

                DateTimeOffset? oldestWaiting;
                await using (var oldest = connection.Command(snapshot, "SELECT MIN(received_at) FROM documents WHERE state = 'received'"))
                await using (var reader = await oldest.ExecuteReaderAsync(cancellationToken))
                {
                    oldestWaiting = await reader.ReadAsync(cancellationToken) ? reader.GetTimeOrNull(0) : null;
                }

                await snapshot.CommitAsync(cancellationToken);
                return new StoreStatus(documents, records, errors, doneLastHour, oldestWaiting);
            },
            cancellationToken);

    private static async Task ReadCountsAsync(
        DbConnection connection, DbTransaction transaction, string sql, Action<string, int> add, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            add(reader.GetString(0), Convert.ToInt32(reader.GetInt64(1)));
        }
    }
}
