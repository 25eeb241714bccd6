/** Runs scripts/kcat-check.ts (kcat/librdkafka as an independent client) when kcat is installed. */
import { kcatAvailable, runKcatCheck } from "../scripts/kcat-check";

const available = kcatAvailable();
if (!available) {
  process.stderr.write("[kafka-test-broker] kcat not on PATH: skipping kcat interoperability test (apt-get install -y kcat)\n");
}

(available ? test : test.skip)(
  available ? "kcat interoperates with the broker (both directions)" : "kcat interoperability — SKIPPED: kcat not on PATH",
  async () => {
    const lines: string[] = [];
    await runKcatCheck((l) => lines.push(l));
    expect(lines).toHaveLength(4);
  },
  60_000,
);
