using System.CommandLine;
using System.Text;
using PartnershipMiner.Core.Domain;
using PartnershipMiner.Core.Pipeline;

namespace PartnershipMiner.Cli.Commands;

internal static class MineCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files and folders to read (recursively): .txt, .md, .html, .htm.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out") { Description = "Also write the records as JSON lines to this file." };
        var models = new Option<string?>("--models") { Description = "Folder with the gazetteer, taxonomy and classifier model." };
        var command = new Command("mine", "Extract partnership records from documents.") { paths, output, models };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = ModelCatalog.Locate(parse.GetValue(models));
            var extractor = new PartnershipExtractor(catalog.LoadGazetteer(), catalog.LoadTaxonomy());
            var outPath = parse.GetValue(output);
            await using var writer = outPath is null ? null : new StreamWriter(outPath, false, new UTF8Encoding(false));
            var failed = 0;
            foreach (var file in Enumerate(parse.GetValue(paths)!))
            {
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(file, cancellationToken);
                }
                catch (IOException e)
                {
                    await Console.Error.WriteLineAsync($"{file}: {e.Message}");
                    failed++;
                    continue;
                }

                var analysis = extractor.Extract(new SourceDocument(file, text));
                foreach (var record in analysis.Records)
                {
                    if (writer is not null)
                    {
                        await writer.WriteLineAsync(RecordJson.ToJsonLine(record));
                    }
                }
            }

            return failed > 0 ? PminerCommandLine.InputsFailed : PminerCommandLine.Ok;
        });
        return command;
    }

    private static IEnumerable<string> Enumerate(string[] paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
