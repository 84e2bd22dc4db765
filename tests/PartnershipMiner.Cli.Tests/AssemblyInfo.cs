namespace PartnershipMiner.Cli.Tests;
