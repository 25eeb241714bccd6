/**
 * jest's node environment, with what loggers write held per test and printed only for a test
 * (or hook) that fails. Tests of failure paths make services log the errors they expect (an
 * upstream down during registration, a 500 from a fake); those lines stay out of `npm test`'s
 * output, so a real failure stands out, and still comes with everything the services logged
 * while it ran. `TEST_LOGS=1 npm test` prints every line as it is written instead.
 *
 * @erp/logging's `createLogger` writes to the sink this installs (`TEST_LOG_SINK` on the test's
 * global) when no destination is given; loggers given a destination are left alone.
 */
import NodeEnvironment from "jest-environment-node";

/** Name of the global through which loggers in a test file reach the environment. */
export const TEST_LOG_SINK = "__erpTestLogSink";
/** The last lines kept for a test: enough to see what led to a failure, bounded in memory. */
const KEPT_LINES = 2_000;

/** The jest-circus events used here (jest's full event type is not reachable from this package). */
type CircusEvent =
  | { name: "test_start" | "test_done"; test: CircusTest }
  | { name: "hook_failure"; hook: { type: string }; describeBlock?: { name: string }; test?: CircusTest }
  | { name: string };

interface CircusTest {
  name: string;
  errors: unknown[];
  parent?: DescribeBlock;
}

interface DescribeBlock {
  name: string;
  parent?: DescribeBlock;
}

export default class QuietLogEnvironment extends NodeEnvironment {
  private held: string[] = [];
  private dropped = 0;
  private readonly passThrough = process.env.TEST_LOGS === "1" || process.env.TEST_LOGS === "true";
  private readonly testPath: string;

  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    this.testPath = args[1].testPath;
    this.global[TEST_LOG_SINK] = (chunk: string) => this.hold(chunk);
  }

  handleTestEvent(event: CircusEvent): void {
    if (event.name === "test_start") {
      this.clear();
    } else if (event.name === "test_done" && "test" in event) {
      if (event.test.errors.length > 0) this.print(`test "${fullName(event.test)}" failed`);
      this.clear();
    } else if (event.name === "hook_failure" && "hook" in event) {
      this.print(`${event.hook.type} hook failed`);
      this.clear();
    }
  }

  private hold(chunk: string): void {
    if (this.passThrough) {
      process.stdout.write(chunk);
      return;
    }
    for (const line of chunk.split("\n")) {
      if (line === "") continue;
      this.held.push(line);
      if (this.held.length > KEPT_LINES) {
        this.held.shift();
        this.dropped++;
      }
    }
  }

  private print(what: string): void {
    if (this.held.length === 0) return;
    const header = `\n── logs written while ${what} (${this.testPath})${this.dropped ? `, last ${KEPT_LINES} lines` : ""} ──\n`;
    process.stderr.write(`${header}${this.held.join("\n")}\n── end of logs ──\n`);
  }

  private clear(): void {
    this.held = [];
    this.dropped = 0;
  }
}

function fullName(test: CircusTest): string {
  const names = [test.name];
  for (let block = test.parent; block; block = block.parent) {
    if (block.name !== "ROOT_DESCRIBE_BLOCK") names.unshift(block.name);
  }
  return names.join(" › ");
}
