using PartnershipMiner.Cli;

return await PminerCommandLine.RunAsync(args);
