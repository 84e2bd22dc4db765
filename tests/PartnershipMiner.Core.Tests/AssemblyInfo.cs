namespace PartnershipMiner.Core.Tests;
