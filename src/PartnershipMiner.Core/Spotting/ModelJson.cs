using System.Text.Json;

namespace PartnershipMiner.Core.Spotting;

/// <summary>
/// Reading the dictionaries' JSON so that a broken file says what is wrong and where ("gazetteer: parties[12] ('CHN'):
/// no 'kind'"), not "The given key was not present in the dictionary".
/// </summary>
internal static class ModelJson
{
    /// <summary>The property, or an <see cref="InvalidDataException"/> naming it and where it was looked for.</summary>
    public static JsonElement Required(JsonElement element, string name, string where) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new InvalidDataException($"{where}: no '{name}'");

    /// <summary>A required non-empty string property.</summary>
    public static string Text(JsonElement element, string name, string where)
    {
        var value = Required(element, name, where);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{where}: '{name}' must be a non-empty string");
    }

    /// <summary>
    /// Runs a parser, turning the errors JSON access throws on a file of the wrong shape (a wrong value kind, a
    /// malformed document) into an <see cref="InvalidDataException"/> that names the file kind.
    /// </summary>
    public static T Parse<T>(string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what}: not valid JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"{what}: a field has the wrong type or is missing ({e.Message})", e);
        }
    }
}
