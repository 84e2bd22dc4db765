using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartnershipMiner.Cli;

/// <summary>
/// Checks an options class against its data annotations and names every failure by its configuration key
/// ("Worker:PollSeconds = 0: ..."), so that a message at start-up says which setting to fix and where it lives.
/// </summary>
internal sealed class AnnotatedOptionsValidation<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result => Describe(options, result)));
    }

    private string Describe(TOptions options, ValidationResult result)
    {
        var member = result.MemberNames.FirstOrDefault();
        if (member is null)
        {
            return $"{section}: {result.ErrorMessage}";
        }

        var value = typeof(TOptions).GetProperty(member)?.GetValue(options);
        return $"{section}:{member} = '{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}': {result.ErrorMessage}";
    }
}
