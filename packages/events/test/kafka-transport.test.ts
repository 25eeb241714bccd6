import { startKafkaTestBroker, type KafkaTestBroker } from "@erp/kafka-test-broker";
import { createKafkaTransport } from "../src";
import { fastGroup } from "./kafka-timings";
import { transportContract } from "./transport-contract";


describe("kafka transport", () => {
  let broker: KafkaTestBroker;

  transportContract(async () => {
    broker = await startKafkaTestBroker();
    const transport = createKafkaTransport({
      brokers: broker.brokers,
      clientId: "shop",
      topicPartitions: 3,
      consumer: fastGroup,
      backoff: { initialMs: 5, maxMs: 50 },
    });
    return {
      transport,
      deliversRepublishedEvents: true,
      async close() {
        await transport.close();
        await broker.close();
      },
    };
  });
});
