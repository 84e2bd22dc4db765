using System.Data;
using System.Data.Common;

namespace PartnershipMiner.Storage.Sql;

/// <summary>
/// Thin ADO.NET plumbing shared by both dialects. Parameters carry an explicit <see cref="DbType"/> because PostgreSQL
/// must know a parameter's type even when its value is null, and prepared commands are typed once and reused.
/// </summary>
internal static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Adds a parameter for the placeholder <c>@name</c>. It is named with its '@': Microsoft.Data.Sqlite binds a
    /// parameter by name at every execution, and a bare name costs it four lookups in the statement (the name, then
    /// each of '@', '$' and ':' before it, each converted to UTF-8) where the placeholder's own name costs one; the
    /// store's inserts run millions of such bindings. Npgsql takes either form.
    /// </summary>
    public static DbCommand With(this DbCommand command, string name, DbType type, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = Placeholder(name);
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Sets the value of the parameter of placeholder <c>@name</c>.</summary>
    public static void Set(this DbCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (IsNamed(parameter.ParameterName, name))
            {
                parameter.Value = value ?? DBNull.Value;
                return;
            }
        }

        throw new ArgumentException($"The command has no parameter @{name}.", nameof(name));
    }

    /// <summary>The parameter name for the placeholder <c>@name</c>.</summary>
    public static string Placeholder(string name) => name.StartsWith('@') ? name : "@" + name;

    private static bool IsNamed(string parameterName, string name) =>
        parameterName.StartsWith('@') ? parameterName.AsSpan(1).SequenceEqual(name.AsSpan(name.StartsWith('@') ? 1 : 0)) : parameterName == name;

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int? GetInt32OrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static DateOnly? GetDateOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    public static DateTimeOffset? GetTimeOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
