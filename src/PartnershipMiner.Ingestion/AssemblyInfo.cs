namespace PartnershipMiner.Ingestion;
