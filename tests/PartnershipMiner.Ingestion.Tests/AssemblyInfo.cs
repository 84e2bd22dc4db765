namespace PartnershipMiner.Ingestion.Tests;
