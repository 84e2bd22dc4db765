using PartnershipMiner.Core.Domain;

namespace PartnershipMiner.Storage.Sql;

/// <summary>
/// How enum values are spelt in the database. Text rather than integers so that the tables read plainly in a SQL shell
/// and survive reordering of the enums.
/// </summary>
internal static class WireNames
{
    public static string Of(DocumentState state) => state switch
    {
        DocumentState.Received => "received",
        DocumentState.Processing => "processing",
        DocumentState.Done => "done",
        DocumentState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static DocumentState ParseState(string text) => text switch
    {
        "received" => DocumentState.Received,
        "processing" => DocumentState.Processing,
        "done" => DocumentState.Done,
        "failed" => DocumentState.Failed,
        _ => throw new InvalidDataException($"Unknown document state '{text}' in the store."),
    };

    public static ReviewStatus ParseStatus(string text) =>
        DomainNames.TryParseStatus(text, out var status)
            ? status
            : throw new InvalidDataException($"Unknown review status '{text}' in the store.");

    public static PartnershipEvent ParseEvent(string text) =>
        DomainNames.TryParseEvent(text, out var value)
            ? value
            : throw new InvalidDataException($"Unknown partnership event '{text}' in the store.");

    public static RhetoricLabel ParseLabel(string text) =>
        DomainNames.TryParseLabel(text, out var label)
            ? label
            : throw new InvalidDataException($"Unknown rhetoric label '{text}' in the store.");
}
