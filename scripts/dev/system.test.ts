import { eventTransportDescription, externalDatabase } from "./system";

describe("the launcher's database line", () => {
  it("names an external DATABASE_URL with its password masked", () => {
    const db = externalDatabase("postgres://erp:Sup3r-Secret@db.internal:5432/erp");
    expect(db.url).toBe("postgres://erp:Sup3r-Secret@db.internal:5432/erp");
    expect(db.description).toBe("postgres://erp:***@db.internal:5432/erp (DATABASE_URL)");
  });
});

describe("the launcher's events line", () => {
  it("names the PostgreSQL event log when KAFKA_BROKERS is unset or empty", () => {
    expect(eventTransportDescription({})).toBe("PostgreSQL event log (schema events of the database; set KAFKA_BROKERS for Kafka)");
    expect(eventTransportDescription({ KAFKA_BROKERS: " , " })).toMatch(/^PostgreSQL event log/);
  });

  it("names Kafka and its brokers when KAFKA_BROKERS is set", () => {
    expect(eventTransportDescription({ KAFKA_BROKERS: "10.0.0.1:9092, 10.0.0.2:9092" })).toBe(
      "Kafka, brokers 10.0.0.1:9092, 10.0.0.2:9092 (KAFKA_BROKERS)",
    );
  });
});
