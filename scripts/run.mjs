// `npm start`, `npm test` and `npm run kafka:test-broker` on a machine that has only Node: installs
// the workspace's dependencies when they are missing or older than the lockfile, then runs the
// launcher, jest or the Kafka test broker.
// Plain Node with no dependencies, because it runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const onWindows = process.platform === "win32";

function dependenciesAreCurrent() {
  const installed = join(root, "node_modules", ".modules.yaml");
  if (!existsSync(installed)) return false;
  return statSync(join(root, "pnpm-lock.yaml")).mtimeMs <= statSync(installed).mtimeMs;
}

/** pnpm from PATH when there is one, else the version pinned in package.json through npx. */
function pnpmCommand() {
  const found = spawnSync("pnpm", ["--version"], { stdio: "ignore", shell: onWindows });
  if (found.status === 0) return ["pnpm"];
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return ["npx", "--yes", packageManager];
}

function installDependencies() {
  const [command, ...args] = pnpmCommand();
  console.log(`Installing dependencies (${[command, ...args].join(" ")} install --frozen-lockfile)…`);
  const result = spawnSync(command, [...args, "install", "--frozen-lockfile"], {
    cwd: root,
    stdio: "inherit",
    shell: onWindows,
  });
  if (result.status !== 0) {
    console.error("Installing dependencies failed; see the output above.");
    process.exit(result.status ?? 1);
  }
  // pnpm writes the lockfile after .modules.yaml; mark the install as the newer of the two.
  const now = new Date();
  utimesSync(join(root, "node_modules", ".modules.yaml"), now, now);
}

/**
 * Runs `node <args>` and exits with its code. The launcher gets its own process group
 * (`detached`) so that a Ctrl-C in the terminal reaches only us, and we pass it on once: the
 * launcher then stops the services before the database instead of everything dying at once.
 */
function runNode(args, { detached = false } = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit", detached });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on("exit", (code) => process.exit(code ?? 1));
}

const [command, ...rest] = process.argv.slice(2);
if (command !== "start" && command !== "test" && command !== "kafka-test-broker") {
  console.error("usage: node scripts/run.mjs start | test [jest arguments] | kafka-test-broker [--port n]");
  process.exit(2);
}
if (!dependenciesAreCurrent()) installDependencies();

if (command === "start") {
  runNode(["--import", "tsx", join("scripts", "dev", "start.ts")], { detached: !onWindows });
} else if (command === "kafka-test-broker") {
  runNode(["--import", "tsx", join("packages", "kafka-test-broker", "scripts", "trial-broker.ts"), ...rest]);
} else {
  const ci = process.env.CI === "true" || process.env.CI === "1" ? ["--ci"] : [];
  runNode([join("node_modules", "jest", "bin", "jest.js"), ...ci, ...rest]);
}
