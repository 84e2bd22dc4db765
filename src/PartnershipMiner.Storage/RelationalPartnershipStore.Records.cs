using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Storage.Sql;

namespace PartnershipMiner.Storage;

/// <summary>Reading records and the reviewers' decisions on them.</summary>
public abstract partial class RelationalPartnershipStore
{
    public async IAsyncEnumerable<PartnershipRecord> ReadRecordsAsync(RecordQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);

        // Rows are mapped as the reader yields them: the caller may stream millions to a file without holding them.
        await using var cursor = await GuardAsync(() => OpenRecordCursorAsync(query, cancellationToken));
        while (await GuardAsync(() => cursor.ReadAsync(cancellationToken)))
        {
            yield return RecordRows.Read(cursor.Reader);
        }
    }

    public Task<PartnershipRecord?> GetRecordAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(connection => ReadRecordAsync(connection, null, id, "", cancellationToken), cancellationToken);
    }

    public Task<ReviewOutcome> ReviewAsync(ReviewDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentException.ThrowIfNullOrWhiteSpace(decision.Reviewer, nameof(decision));
        return WriteAsync(
            async (connection, transaction) =>
            {
                // The record's row is locked (PostgreSQL) or the whole store is (SQLite) from here to the commit, so no
                // other decision on it can come between the count and the update.
                var before = await ReadRecordAsync(connection, transaction, decision.RecordId, dialect.LockRows, cancellationToken);
                if (before is null)
                {
                    return ReviewOutcome.NotFound;
                }

                if (decision.ReviewsSeen is { } seen)
                {
                    await using var count = connection.Command(transaction, "SELECT COUNT(*) FROM reviews WHERE record_id = @id")
                        .With("id", DbType.String, decision.RecordId);
                    if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != seen)
                    {
                        return ReviewOutcome.Stale;
                    }
                }

                var after = Apply(decision, before);
                var now = time.GetUtcNow();
                await using (var update = connection.Command(transaction, """
                    UPDATE records SET status = @status, parties = @parties, tier = @tier, tier_rank = @rank, event = @event, year = @year,
                                       updated_at = @now
                    WHERE id = @id
                    """))
                {
                    update.With("status", DbType.String, after.Status.ToWireName())
                        .With("parties", DbType.String, RecordRows.JoinParties(after.Parties))
                        .With("tier", DbType.String, after.Tier).With("rank", DbType.Int32, after.TierRank)
                        .With("event", DbType.String, after.Event.ToWireName())
                        .With("year", DbType.Int32, after.Year).With("id", DbType.String, after.Id);
                    await dialect.WithTime(update, "now", now).ExecuteNonQueryAsync(cancellationToken);
                }

                if (!before.Parties.SequenceEqual(after.Parties, StringComparer.Ordinal))
                {
                    await ReplacePartiesAsync(connection, transaction, after, now, cancellationToken);
                }

                await using (var log = connection.Command(transaction, """
                    INSERT INTO reviews (record_id, reviewer, from_status, to_status, comment, before, after, at)
                    VALUES (@id, @reviewer, @from, @to, @comment, @before, @after, @at)
                    """))
                {
                    log.With("id", DbType.String, after.Id).With("reviewer", DbType.String, decision.Reviewer)
                        .With("from", DbType.String, before.Status.ToWireName()).With("to", DbType.String, after.Status.ToWireName())
                        .With("comment", DbType.String, decision.Comment);
                    dialect.WithJson(log, "before", RecordJson.ToJsonLine(before));
                    dialect.WithJson(log, "after", RecordJson.ToJsonLine(after));
                    await dialect.WithTime(log, "at", now).ExecuteNonQueryAsync(cancellationToken);
                }

                StoreLog.Reviewed(logger, after.Id, decision.Reviewer, before.Status, after.Status);
                return ReviewOutcome.Applied;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<RecordReview>> GetReviewsAsync(string recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        return ReadAsync<IReadOnlyList<RecordReview>>(
            async connection =>
            {
                await using var select = connection.Command(null, """
                    SELECT record_id, reviewer, from_status, to_status, comment, before, after, at
                    FROM reviews WHERE record_id = @id ORDER BY id
                    """).With("id", DbType.String, recordId);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                var entries = new List<RecordReview>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    entries.Add(new RecordReview(
                        reader.GetString(0),
                        reader.GetString(1),
                        WireNames.ParseStatus(reader.GetString(2)),
                        WireNames.ParseStatus(reader.GetString(3)),
                        reader.GetStringOrNull(4),
                        RecordJson.Parse(reader.GetString(5)),
                        RecordJson.Parse(reader.GetString(6)),
                        reader.GetFieldValue<DateTimeOffset>(7)));
                }

                return entries;
            },
            cancellationToken);
    }

    private static PartnershipRecord Apply(ReviewDecision decision, PartnershipRecord record)
    {
        if (decision.Status != ReviewStatus.Corrected)
        {
            return record with { Status = decision.Status };
        }

        return record with
        {
            Status = ReviewStatus.Corrected,
            Parties = decision.Parties is { } parties ? [.. parties.Order(StringComparer.Ordinal)] : record.Parties,
            Tier = decision.Tier ?? record.Tier,
            TierRank = decision.TierRank ?? record.TierRank,
            Event = decision.Event ?? record.Event,
            Year = decision.ClearYear ? null : decision.Year ?? record.Year,
        };
    }

    private async Task ReplacePartiesAsync(
        DbConnection connection, DbTransaction transaction, PartnershipRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var clear = connection.Command(transaction, "DELETE FROM record_parties WHERE record_id = @id").With("id", DbType.String, record.Id))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var writer = await RecordWriter.PrepareAsync(connection, transaction, dialect, now, cancellationToken);
        await writer.InsertPartiesAsync(record.Id, record.Parties, cancellationToken);
    }

    private static async Task<PartnershipRecord?> ReadRecordAsync(
        DbConnection connection, DbTransaction? transaction, string id, string lockRows, CancellationToken cancellationToken)
    {
        // Lock the record row only: the joined document row is merely read, and a claimer may be updating it.
        var sql = lockRows.Length == 0 ? $"{RecordRows.Select} WHERE r.id = @id" : $"{RecordRows.Select} WHERE r.id = @id{lockRows} OF r";
        await using var select = connection.Command(transaction, sql).With("id", DbType.String, id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? RecordRows.Read(reader) : null;
    }

    private async Task<RecordCursor> OpenRecordCursorAsync(RecordQuery query, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        var sql = new StringBuilder(RecordRows.Select).Append(" WHERE 1 = 1");
        if (query.Status is not null)
        {
            sql.Append(" AND r.status = @status");
        }

        if (query.Party is not null)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM record_parties p WHERE p.record_id = r.id AND p.party = @party)");
        }

        if (query.DocumentIds is { Count: > 0 } ids)
        {
            sql.Append(" AND r.document_id IN (").AppendJoin(", ", ids.Select((_, i) => $"@doc{i}")).Append(')');
        }

        sql.Append(" ORDER BY r.document_id, r.span_start, r.id LIMIT @limit OFFSET @offset");
        var connection = await dialect.OpenAsync(cancellationToken);
        DbCommand? command = null;
        try
        {
            command = connection.Command(null, sql.ToString())
                .With("limit", DbType.Int32, query.Limit).With("offset", DbType.Int32, query.Offset);
            if (query.Status is { } status)
            {
                command.With("status", DbType.String, status.ToWireName());
            }

            if (query.Party is { } party)
            {
                command.With("party", DbType.String, party);
            }

            for (var i = 0; i < (query.DocumentIds?.Count ?? 0); i++)
            {
                command.With($"doc{i}", DbType.Int64, query.DocumentIds![i]);
            }

            return new RecordCursor(connection, command, await command.ExecuteReaderAsync(cancellationToken));
        }
        catch
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An open query whose rows are read one at a time; disposing it returns the connection to the pool.</summary>
    private sealed class RecordCursor(DbConnection connection, DbCommand command, DbDataReader reader) : IAsyncDisposable
    {
        public DbDataReader Reader => reader;

        public Task<bool> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
