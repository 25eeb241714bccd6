// The benchmark's table: scenarios side by side, the ratios between layers, memory per process,
// and where each target stands. Markdown, printed and written to a file.
import { cpus } from "node:os";
import type { LoadResult } from "./load";

export interface ScenarioResult extends LoadResult {
  key: string;
  title: string;
  /** The process that serves it, whose peak RSS is shown beside it. */
  process: string;
  /** CPU used meanwhile by processes outside the benchmark, in cores. */
  otherCores: number;
}

export interface ReportInput {
  mode: "full" | "quick";
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  scenarios: ScenarioResult[];
  idleRss: Map<string, number>;
  peakRss: Map<string, number>;
  /** Processes that are services (the 150/256 MB targets apply to them). */
  services: string[];
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "n/a");
const mb = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value.toFixed(0) : "n/a");
const ratio = (value: number) => (Number.isFinite(value) ? `${(value * 100).toFixed(0)}%` : "n/a");
const perSecond = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const verdict = (met: boolean) => (met ? "met" : "**missed**");

export function renderReport(input: ReportInput): string {
  const get = (key: string) => {
    const found = input.scenarios.find((s) => s.key === key);
    if (!found) throw new Error(`scenario ${key} did not run`);
    return found;
  };
  const floor = get("floor");
  const service = get("service");
  const gateway = get("gateway");
  const prisma = get("prisma");
  const prismaRls = get("prisma-rls");
  const pgRls = get("pg-rls");
  const login = get("login");
  const stormRead = get("storm-read");
  const prisma1 = get("prisma-1");
  const prismaRls1 = get("prisma-rls-1");
  const service1 = get("service-1");
  const gateway1 = get("gateway-1");

  const serviceShare = service.requestsPerSecond / floor.requestsPerSecond;
  const gatewayShare = gateway.requestsPerSecond / service.requestsPerSecond;
  const gatewayP50 = gateway.p50 - service.p50;
  const gatewayP99 = gateway.p99 - service.p99;
  const rlsP50 = prismaRls.p50 - prisma.p50;
  const idleMax = Math.max(...input.services.map((name) => input.idleRss.get(name) ?? Number.NaN));
  const peakMax = Math.max(...input.services.map((name) => input.peakRss.get(name) ?? Number.NaN));

  const cpu = cpus();
  const lines = [
    `Run: ${new Date().toISOString()} · ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}) · Node ${process.version} · ` +
      `${process.platform} · mode ${input.mode}: ${input.connections} connections, ${input.warmupSeconds} s warm-up + ` +
      `${input.durationSeconds} s measured per scenario.`,
    "",
    "The load generator (autocannon) runs on the same cores as PostgreSQL and the processes under test, " +
      "so every figure includes that contention; compare them as ratios within one run, not with another machine.",
    "",
    "The last column is the CPU that processes outside the benchmark used meanwhile (other jobs on the " +
      "machine), in cores: where it is well above 0, that row was measured on a busy machine.",
    "",
    "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB (process) | other CPU (cores) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ...input.scenarios.map(
      (s) =>
        `| ${s.title} | ${perSecond(s.requestsPerSecond)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.errors} | ` +
        `${mb(input.peakRss.get(s.process))} (${s.process}) | ${s.otherCores.toFixed(2)} |`,
    ),
    "",
    "| ratio | value | target | status |",
    "| --- | ---: | --- | --- |",
    `| service / floor throughput | ${ratio(serviceShare)} | ≥ 40% | ${verdict(serviceShare >= 0.4)} |`,
    `| gateway / service throughput | ${ratio(gatewayShare)} | ≥ 50% | ${verdict(gatewayShare >= 0.5)} |`,
    `| gateway added p50 | ${ms(gatewayP50)} ms | (reported) | |`,
    `| gateway added p99 (10 connections) | ${ms(gatewayP99)} ms | ≤ 2 ms | ${verdict(gatewayP99 <= 2)} |`,
    `| gateway added p50 / p99 at 1 connection | ${ms(gateway1.p50 - service1.p50)} / ${ms(gateway1.p99 - service1.p99)} ms | ≤ 2 ms at p99 | ${verdict(gateway1.p99 - service1.p99 <= 2)} |`,
    `| tenant scoping added p50 (Prisma withOrganization − Prisma plain) | ${ms(rlsP50)} ms | ≤ 1 ms | ${verdict(rlsP50 <= 1)} |`,
    `| tenant scoping added p50 at 1 connection | ${ms(prismaRls1.p50 - prisma1.p50)} ms | ≤ 1 ms | ${verdict(prismaRls1.p50 - prisma1.p50 <= 1)} |`,
    `| tenant scoping added p50 at the pg level (4 round trips − 1) | ${ms(pgRls.p50 - floor.p50)} ms | (reported) | |`,
    `| logins/s (bcrypt) | ${perSecond(login.requestsPerSecond)} | (reported) | |`,
    `| gateway read p99 alone → during a login storm | ${ms(gateway.p99)} → ${ms(stormRead.p99)} ms | (reported) | |`,
    `| largest service RSS idle | ${mb(idleMax)} MB | < 150 MB | ${verdict(idleMax < 150)} |`,
    `| largest service RSS under load | ${mb(peakMax)} MB | < 256 MB | ${verdict(peakMax < 256)} |`,
    "",
    "| process | idle RSS MB | peak RSS MB under load |",
    "| --- | ---: | ---: |",
    ...[...input.idleRss.keys()].map(
      (name) => `| ${name} | ${mb(input.idleRss.get(name))} | ${mb(input.peakRss.get(name))} |`,
    ),
  ];
  return lines.join("\n");
}

/** The scenarios table alone, for a run of some scenarios (`--only`), where the ratios cannot be made. */
export function renderScenarioTable(input: ReportInput): string {
  const cpu = cpus();
  return [
    `Run: ${new Date().toISOString()} · ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}) · Node ${process.version} · ` +
      `only ${input.scenarios.map((s) => s.key).join(", ")}: ${input.connections} connections, ${input.warmupSeconds} s warm-up + ` +
      `${input.durationSeconds} s measured per scenario.`,
    "",
    "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MB (process) | other CPU (cores) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ...input.scenarios.map(
      (s) =>
        `| ${s.title} | ${perSecond(s.requestsPerSecond)} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.errors} | ` +
        `${mb(input.peakRss.get(s.process))} (${s.process}) | ${s.otherCores.toFixed(2)} |`,
    ),
  ].join("\n");
}

export const BEGIN_MARKER = "<!-- bench:begin (written by `pnpm bench`; edit outside the markers) -->";
export const END_MARKER = "<!-- bench:end -->";

/** Puts the generated table between the markers, keeping what was written around them. */
export function mergeIntoDocument(existing: string | undefined, generated: string): string {
  const block = `${BEGIN_MARKER}\n${generated}\n${END_MARKER}`;
  if (existing) {
    const begin = existing.indexOf(BEGIN_MARKER);
    const end = existing.indexOf(END_MARKER);
    if (begin !== -1 && end > begin) return `${existing.slice(0, begin)}${block}${existing.slice(end + END_MARKER.length)}`;
  }
  return `# Benchmarks\n\nRun \`pnpm bench\` (\`--quick\` for a short smoke run).\n\n${block}\n`;
}
