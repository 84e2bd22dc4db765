using System.Data;
using System.Data.Common;
using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage.Sql;

/// <summary>
/// Inserts records inside one transaction through two prepared commands reused for every row: a batch of thousands
/// of records parses its SQL once. A record whose id exists is left exactly as it is (a reviewer may have changed it).
/// </summary>
internal sealed class RecordWriter : IAsyncDisposable
{
    private readonly DbCommand insertRecord;
    private readonly DbCommand insertParty;
    private readonly DbCommand insertPair;

    private RecordWriter(DbCommand insertRecord, DbCommand insertParty, DbCommand insertPair)
    {
        this.insertRecord = insertRecord;
        this.insertParty = insertParty;
        this.insertPair = insertPair;
    }

    public static async Task<RecordWriter> PrepareAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = connection.Command(transaction, """
            INSERT INTO records (id, document_id, document, document_date, parties, tier, phrase, tier_rank, event, year,
                                 evidence, span_start, span_end, confidence, status, rhetoric_label, rhetoric_score,
                                 substance, created_at, updated_at)
            VALUES (@id, @document_id, @document, @document_date, @parties, @tier, @phrase, @tier_rank, @event, @year,
                    @evidence, @span_start, @span_end, @confidence, @status, @rhetoric_label, @rhetoric_score,
                    @substance, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("id", DbType.String).With("document_id", DbType.Int64).With("document", DbType.String)
            .With("document_date", DbType.Date).With("parties", DbType.String).With("tier", DbType.String)
            .With("phrase", DbType.String).With("tier_rank", DbType.Int32).With("event", DbType.String)
            .With("year", DbType.Int32).With("evidence", DbType.String).With("span_start", DbType.Int32)
            .With("span_end", DbType.Int32).With("confidence", DbType.Double).With("status", DbType.String)
            .With("rhetoric_label", DbType.String).With("rhetoric_score", DbType.Double);
        dialect.WithJson(record, "substance", null);
        dialect.WithTime(record, "now", now);
        var party = connection.Command(transaction, "INSERT INTO record_parties (record_id, party) VALUES (@id, @party) ON CONFLICT DO NOTHING")
            .With("id", DbType.String).With("party", DbType.String);

        // Most records are of a pair: its two rows in one statement.
        var pair = connection.Command(transaction, "INSERT INTO record_parties (record_id, party) VALUES (@id, @first), (@id, @second) ON CONFLICT DO NOTHING")
            .With("id", DbType.String).With("first", DbType.String).With("second", DbType.String);
        var writer = new RecordWriter(record, party, pair);
        try
        {
            await record.PrepareAsync(cancellationToken);
            await party.PrepareAsync(cancellationToken);
            await pair.PrepareAsync(cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Inserts the record unless its id is stored already. True when it was inserted.</summary>
    public async Task<bool> InsertAsync(long documentId, PartnershipRecord record, CancellationToken cancellationToken)
    {
        var c = insertRecord;
        c.Set("id", record.Id);
        c.Set("document_id", documentId);
        c.Set("document", record.Document);
        c.Set("document_date", record.DocumentDate);
        c.Set("parties", RecordRows.JoinParties(record.Parties));
        c.Set("tier", record.Tier);
        c.Set("phrase", record.Phrase);
        c.Set("tier_rank", record.TierRank);
        c.Set("event", record.Event.ToWireName());
        c.Set("year", record.Year);
        c.Set("evidence", record.Evidence);
        c.Set("span_start", record.EvidenceSpan.Start);
        c.Set("span_end", record.EvidenceSpan.End);
        c.Set("confidence", record.Confidence);
        c.Set("status", record.Status.ToWireName());
        c.Set("rhetoric_label", record.Rhetoric?.Label.ToWireName());
        c.Set("rhetoric_score", record.Rhetoric?.Score);
        c.Set("substance", RecordRows.SubstanceToJson(record.Substance));
        if (await c.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        await InsertPartiesAsync(record.Id, record.Parties, cancellationToken);
        return true;
    }

    /// <summary>Writes the normalised party rows of a record (after an insert, or after a correction cleared them).</summary>
    public async Task InsertPartiesAsync(string recordId, IReadOnlyList<string> parties, CancellationToken cancellationToken)
    {
        if (parties.Count == 2)
        {
            insertPair.Set("id", recordId);
            insertPair.Set("first", parties[0]);
            insertPair.Set("second", parties[1]);
            await insertPair.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        insertParty.Set("id", recordId);
        foreach (var party in parties)
        {
            insertParty.Set("party", party);
            await insertParty.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await insertRecord.DisposeAsync();
        await insertParty.DisposeAsync();
        await insertPair.DisposeAsync();
    }
}
