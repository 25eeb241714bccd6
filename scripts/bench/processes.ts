// Resident memory of the processes under test, read from /proc (Linux): idle before the load and
// the peak while it runs.
import { readdirSync, readFileSync } from "node:fs";

/** VmRSS in MB, or NaN where /proc is not available (macOS, Windows) or the process is gone. */
export function rssMegabytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export class RssMonitor {
  readonly idle = new Map<string, number>();
  readonly peak = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pids: Map<string, number>) {}

  recordIdle(): void {
    for (const [name, pid] of this.pids) this.idle.set(name, rssMegabytes(pid));
  }

  /** Samples every process every 200 ms until stop(). */
  start(): void {
    this.timer ??= setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
  }

  private sample(): void {
    for (const [name, pid] of this.pids) {
      const rss = rssMegabytes(pid);
      if (!Number.isNaN(rss)) this.peak.set(name, Math.max(this.peak.get(name) ?? 0, rss));
    }
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU of one process in clock ticks (utime + stime), of its children that exited (cutime +
 * cstime: PostgreSQL's backends come and go with the pools), and its parent. Zeros when it is gone.
 */
function processTicks(pid: number): { ticks: number; exitedChildren: number; parent: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    const [ticks, exitedChildren] = [(fields[11] ?? 0) + (fields[12] ?? 0), (fields[13] ?? 0) + (fields[14] ?? 0)];
    return { ticks, exitedChildren, parent: fields[1] ?? 0 };
  } catch {
    return { ticks: 0, exitedChildren: 0, parent: 0 };
  }
}

function machineBusyTicks(): number {
  const [cpu] = readFileSync("/proc/stat", "utf8").split("\n");
  const [, user, nice, system, , , irq, softirq, steal] = (cpu ?? "").trim().split(/\s+/).map(Number);
  return [user, nice, system, irq, softirq, steal].reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

interface CpuSnapshot {
  at: number;
  machine: number;
  ours: number;
}

/**
 * How much CPU went to processes that are not part of the benchmark while it ran (other jobs on
 * the machine), in cores: figures taken while that is high are not comparable with a quiet run.
 * Ours are the bench itself, the given processes (services, PostgreSQL's postmaster) and their
 * children (PostgreSQL's backends), running or exited.
 */
export class CpuWitness {
  constructor(private readonly pids: () => number[]) {}

  snapshot(): CpuSnapshot {
    const ourPids = new Set([process.pid, ...this.pids()]);
    let ours = 0;
    try {
      for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        const pid = Number(entry);
        const { ticks, exitedChildren, parent } = processTicks(pid);
        if (ourPids.has(pid)) ours += ticks + exitedChildren;
        else if (ourPids.has(parent)) ours += ticks;
      }
    } catch {
      return { at: Date.now(), machine: Number.NaN, ours: Number.NaN };
    }
    return { at: Date.now(), machine: machineBusyTicks(), ours };
  }

  /** Cores' worth of CPU used by other processes between the two snapshots. */
  static otherCores(from: CpuSnapshot, to: CpuSnapshot): number {
    const seconds = (to.at - from.at) / 1000;
    const other = to.machine - from.machine - (to.ours - from.ours);
    return Math.max(0, other / CLOCK_TICKS_PER_SECOND / seconds);
  }
}
