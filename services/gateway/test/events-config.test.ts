/** The gateway parses the events variables with its own config at start-up, as services do. */
import { parseGatewayConfig } from "../src/config";

const base = { INTERNAL_API_KEY: "x".repeat(16) };

describe("gateway config: events variables", () => {
  it("parses KAFKA_BROKERS and the EVENTS_* variables with the rest", () => {
    const config = parseGatewayConfig({ ...base, KAFKA_BROKERS: "k1:9092, k2:9092", EVENTS_POLL_INTERVAL_MS: "250" });
    expect(config.KAFKA_BROKERS).toEqual(["k1:9092", "k2:9092"]);
    expect(config.EVENTS_POLL_INTERVAL_MS).toBe(250);
    expect(parseGatewayConfig(base).KAFKA_BROKERS).toEqual([]);
  });

  it("refuses at start-up what the events' cross-variable rule refuses", () => {
    expect(() => parseGatewayConfig({ ...base, EVENTS_LOG_RETENTION_HOURS: "48", EVENTS_PROCESSED_RETENTION_HOURS: "24" })).toThrow(
      /EVENTS_PROCESSED_RETENTION_HOURS/,
    );
    expect(() => parseGatewayConfig({ ...base, EVENTS_POLL_INTERVAL_MS: "0" })).toThrow(/EVENTS_POLL_INTERVAL_MS/);
  });
});
