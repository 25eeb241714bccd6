/**
 * Every event the system publishes, by domain: the contract between producers, consumers in other
 * services and outside Kafka consumers (published as AsyncAPI). Importing this registers them all.
 */
export * from "./tenant";
export * from "./auth";
export * from "./user";
export * from "./master-data";
export * from "./finance";
export * from "./crm";
