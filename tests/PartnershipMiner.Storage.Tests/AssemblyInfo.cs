namespace PartnershipMiner.Storage.Tests;
