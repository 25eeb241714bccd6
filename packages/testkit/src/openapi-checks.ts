/**
 * Checks generated from a service's own OpenAPI document, so that a route added tomorrow is
 * covered the day it is added: every route with an id in its path refuses another organization's
 * ids (404, nothing of theirs changed); every write the viewer role lacks is refused (403, nothing
 * written); every request body carries an example, and the example passes validation as is.
 *
 * Records to aim at are created from the document too: a POST on the collection above an id, with
 * that operation's example. Where none can be created, a random id and the organization's own id
 * (what tenant's `/organizations/{id}` names) stand in, and must be 404 as well.
 */
import { randomUUID } from "node:crypto";
import request from "supertest";
import { parseTableAccessComment } from "@erp/db";
import { builtInRolePermissions } from "@erp/permissions";
import { ORGANIZATION_COLUMN, type CatalogQueryable } from "./table-access";
import { routeName, type RouteRow } from "./route-table";

type App = Parameters<typeof request>[0];
type Method = "get" | "post" | "put" | "patch" | "delete";
const METHODS: readonly Method[] = ["get", "post", "put", "patch", "delete"];

/** A service under test, as `startServiceTestApp` (or a service's harness) gives it. */
export interface OpenApiTarget {
  /** For messages. */
  name: string;
  app: App;
  /** The public prefix (`/api/v1/master-data`); the document is read from `<basePath>/openapi.json`. */
  basePath: string;
  /** Its Postgres schema, read through `owner` for the before/after snapshots. */
  schema: string;
  /** An owner connection (sees through RLS). */
  owner: CatalogQueryable;
  /** The route table (`createServiceApp`'s `routes`): which permission each write needs. */
  routes: RouteRow[];
  /** A bearer token for a user of `organizationId` holding `permissions`. */
  token(organizationId: string, permissions: readonly string[]): string | Promise<string>;
  /** Makes the organization exist where the service keeps organizations (tenant); most services need nothing. */
  prepareOrganization?(organizationId: string): Promise<void>;
}

interface Operation {
  method: Method;
  path: string;
  spec: OperationObject;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaObject; example?: unknown }> };
  security?: unknown[];
}

interface ParameterObject {
  name: string;
  in: string;
  schema?: SchemaObject;
}

interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  example?: unknown;
  enum?: unknown[];
  allOf?: SchemaObject[];
}

interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** What the checks found, one sentence each; empty when the service keeps every rule. */
export interface OpenApiCheckResult {
  /** Routes with ids that answered another organization's ids with anything but 404, or changed its rows. */
  isolation: string[];
  /** Writes the viewer role lacks that answered anything but 403, or wrote. */
  viewer: string[];
  /** Request bodies without an example, or whose example fails validation (400). */
  examples: string[];
  /** What was covered, for a test to assert the checks were not vacuous. */
  covered: { idRoutes: string[]; viewerWrites: string[]; examples: string[]; createdFrom: string[] };
}

const OWNER_PERMISSIONS = () => builtInRolePermissions("owner");
const VIEWER_PERMISSIONS = () => builtInRolePermissions("viewer");

/**
 * Runs every generated check against `target` with three organizations of its own: one that owns
 * the records, one that attacks them, one whose requests carry the examples.
 */
export async function openApiChecks(target: OpenApiTarget): Promise<OpenApiCheckResult> {
  const [victim, attacker, author] = [randomUUID(), randomUUID(), randomUUID()];
  for (const organizationId of [victim, attacker, author]) await target.prepareOrganization?.(organizationId);
  const document = await readDocument(target, victim);
  const operations = publicOperations(document, target.basePath);
  const result: OpenApiCheckResult = { isolation: [], viewer: [], examples: [], covered: { idRoutes: [], viewerWrites: [], examples: [], createdFrom: [] } };

  const victimRecords = new RecordMaker(target, document, victim, result.covered.createdFrom);
  await isolationCheck(target, document, operations, victimRecords, attacker, result);
  await viewerCheck(target, document, operations, victimRecords, result);
  await exampleCheck(target, document, operations, new RecordMaker(target, document, author, []), result);
  return result;
}

async function readDocument(target: OpenApiTarget, organizationId: string): Promise<OpenApiDocument> {
  const res = await request(target.app)
    .get(`${target.basePath}/openapi.json`)
    .set("Authorization", `Bearer ${await target.token(organizationId, OWNER_PERMISSIONS())}`);
  if (res.status !== 200) throw new Error(`${target.name}: GET ${target.basePath}/openapi.json answered ${res.status}`);
  return res.body as OpenApiDocument;
}

function publicOperations(document: OpenApiDocument, basePath: string): Operation[] {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith(`${basePath}/`))
    .flatMap(([path, item]) => METHODS.flatMap((method) => (item[method] ? [{ method, path, spec: item[method] }] : [])));
}

const name = (operation: Pick<Operation, "method" | "path">) => routeName(operation);

function resolve(document: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject | undefined {
  for (let depth = 0; schema?.$ref && depth < 10; depth++) {
    schema = document.components?.schemas?.[schema.$ref.replace("#/components/schemas/", "")];
  }
  return schema;
}

/** Path parameters that name a record: uuid-formatted (or called `id`/`…Id`), in path order. */
function idParameters(document: OpenApiDocument, operation: Operation): string[] {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  return names.filter((param) => {
    const spec = operation.spec.parameters?.find((p) => p.in === "path" && p.name === param);
    const schema = resolve(document, spec?.schema);
    return schema?.format === "uuid" || param === "id" || /Id$/.test(param);
  });
}

/** The operation's request body: its media type and example (undefined when it has none). */
function requestBody(document: OpenApiDocument, operation: Operation): { type: string; example: unknown; generated?: boolean } | undefined {
  const content = operation.spec.requestBody?.content;
  if (!content) return undefined;
  const type = "application/json" in content ? "application/json" : Object.keys(content).find((key) => key !== "multipart/form-data");
  if (!type) return undefined;
  const media = content[type]!;
  const schema = resolve(document, media.schema);
  const example = media.example ?? schema?.example ?? schema?.allOf?.map((part) => resolve(document, part)?.example).find((e) => e !== undefined);
  // A text body (CSV) without an example gets what Swagger UI would send for it.
  if (example === undefined && type !== "application/json" && schema?.type === "string") return { type, example: "string", generated: true };
  return { type, example };
}

/** Sends the operation's example body (an empty JSON object when it has a body but no example; nothing without one). */
function send(target: OpenApiTarget, method: Method, path: string, bearer: string, body?: { type: string; example: unknown }) {
  const req = request(target.app)[method](path).set("Authorization", `Bearer ${bearer}`);
  if (!body) return req;
  if (body.example === undefined) return req.send({});
  if (body.type === "application/json") return req.send(body.example as object);
  return req.set("Content-Type", body.type).send(String(body.example));
}

/** A value for a path parameter that names no record (`{module}`): its example, else its first allowed value. */
function plainParameter(document: OpenApiDocument, operation: Operation, param: string): string {
  const spec = operation.spec.parameters?.find((p) => p.in === "path" && p.name === param);
  const schema = resolve(document, spec?.schema);
  const value = schema?.example ?? schema?.enum?.[0];
  return value === undefined ? param : String(value);
}

/** Creates (once) and remembers one organization's records, from the document's collection POSTs. */
class RecordMaker {
  private readonly made = new Map<string, string | undefined>();

  constructor(
    private readonly target: OpenApiTarget,
    private readonly document: OpenApiDocument,
    readonly organizationId: string,
    private readonly createdFrom: string[],
  ) {}

  /**
   * The operation's path with each id parameter filled with one of this organization's records
   * (created on demand), or undefined where no record could be made; other parameters keep their name.
   */
  async ids(operation: Operation): Promise<Map<string, string | undefined>> {
    const filled = new Map<string, string | undefined>();
    const idParams = idParameters(this.document, operation);
    let prefix = "";
    for (const segment of operation.path.split("/").slice(1)) {
      const param = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (param && idParams.includes(param)) {
        const id = await this.recordAt(prefix);
        filled.set(param, id);
        prefix += `/${id ?? randomUUID()}`;
      } else if (param) {
        const value = plainParameter(this.document, operation, param);
        filled.set(param, value);
        prefix += `/${value}`;
      } else {
        prefix += `/${segment}`;
      }
    }
    return filled;
  }

  /** A record of the collection at `concretePrefix` (`/api/v1/x/customers`), made by its POST. */
  private async recordAt(concretePrefix: string): Promise<string | undefined> {
    if (this.made.has(concretePrefix)) return this.made.get(concretePrefix);
    const templated = this.templateOf(concretePrefix);
    const create = templated && this.document.paths[templated]?.post;
    let id: string | undefined;
    if (create) {
      const body = requestBody(this.document, { method: "post", path: templated, spec: create });
      if (body?.example !== undefined && body.type === "application/json") {
        const bearer = await this.target.token(this.organizationId, OWNER_PERMISSIONS());
        const res = await send(this.target, "post", concretePrefix, bearer, body);
        const data = res.body?.data as { id?: unknown } | undefined;
        if (res.status === 201 && typeof data?.id === "string") {
          id = data.id;
          this.createdFrom.push(`post ${templated}`);
        }
      }
    }
    this.made.set(concretePrefix, id);
    return id;
  }

  /** The document's path whose parameters stand where `concretePrefix` has ids. */
  private templateOf(concretePrefix: string): string | undefined {
    const segments = concretePrefix.split("/");
    return Object.keys(this.document.paths).find((path) => {
      const parts = path.split("/");
      return parts.length === segments.length && parts.every((part, i) => part === segments[i] || /^\{\w+\}$/.test(part));
    });
  }
}

/** `path` with the parameters `RecordMaker.ids` filled, `fallback` standing in for records it could not make. */
function fill(path: string, ids: Map<string, string | undefined>, fallback: (param: string) => string): string {
  return path.replace(/\{(\w+)\}/g, (_match, param: string) => ids.get(param) ?? fallback(param));
}

/** Every row of the organization in every table of the schema that has an organization column: count and digest. */
async function snapshot(target: OpenApiTarget, organizationId: string): Promise<Map<string, string>> {
  const { rows: tables } = await target.owner.query<{ name: string; comment: string | null; columns: string[] }>(
    `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment,
            array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
       FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [target.schema],
  );
  const state = new Map<string, string>();
  for (const table of tables) {
    const declared = parseTableAccessComment(table.comment);
    const column = declared?.kind === "tenant" ? declared.organizationColumn : table.columns.includes(ORGANIZATION_COLUMN) ? ORGANIZATION_COLUMN : undefined;
    if (!column) continue;
    const { rows } = await target.owner.query<{ n: number; digest: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
         FROM "${target.schema}"."${table.name}" t WHERE "${column}" = $1`,
      [organizationId],
    );
    state.set(table.name, `${rows[0]!.n} rows, ${rows[0]!.digest}`);
  }
  return state;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before.keys()].filter((table) => before.get(table) !== after.get(table));
}

async function isolationCheck(
  target: OpenApiTarget,
  document: OpenApiDocument,
  operations: Operation[],
  victim: RecordMaker,
  attacker: string,
  result: OpenApiCheckResult,
): Promise<void> {
  const withIds = operations.filter((operation) => idParameters(document, operation).length > 0);
  const attackerToken = await target.token(attacker, OWNER_PERMISSIONS());
  const targets = new Map<Operation, string[]>();
  for (const operation of withIds) {
    const ids = await victim.ids(operation);
    const paths = [fill(operation.path, ids, () => randomUUID())];
    // Without a record of its own, the route is aimed at the organization's own id too (tenant's /organizations/{id}).
    if ([...ids.values()].some((id) => id === undefined)) paths.push(fill(operation.path, ids, () => victim.organizationId));
    targets.set(operation, paths);
  }

  const before = await snapshot(target, victim.organizationId);
  // Reads first, then writes, so that a write that wrongly succeeds cannot hide a read that leaks.
  const ordered = [...withIds].sort((a, b) => Number(a.method !== "get") - Number(b.method !== "get"));
  for (const operation of ordered) {
    result.covered.idRoutes.push(name(operation));
    for (const path of targets.get(operation)!) {
      const res = await send(target, operation.method, path, attackerToken, requestBody(document, operation));
      if (res.status !== 404) {
        result.isolation.push(`${target.name}: ${name(operation)} with another organization's ids (${path}) answered ${res.status}, expected 404`);
      }
    }
  }
  const changed = changedTables(before, await snapshot(target, victim.organizationId));
  if (changed.length) result.isolation.push(`${target.name}: another organization's requests changed ${changed.join(", ")} of the victim organization`);
}

async function viewerCheck(
  target: OpenApiTarget,
  document: OpenApiDocument,
  operations: Operation[],
  victim: RecordMaker,
  result: OpenApiCheckResult,
): Promise<void> {
  const viewerHolds = new Set(VIEWER_PERMISSIONS());
  const permissionOf = new Map(target.routes.map((route) => [routeName(route), "permission" in route.access ? String(route.access.permission) : undefined]));
  const writes = operations.filter((operation) => {
    if (operation.method === "get") return false;
    const permission = permissionOf.get(name(operation));
    return permission !== undefined && !viewerHolds.has(permission);
  });
  const viewerToken = await target.token(victim.organizationId, VIEWER_PERMISSIONS());
  const paths = new Map<Operation, string>();
  for (const operation of writes) paths.set(operation, fill(operation.path, await victim.ids(operation), () => randomUUID()));

  const before = await snapshot(target, victim.organizationId);
  for (const operation of writes) {
    result.covered.viewerWrites.push(name(operation));
    const res = await send(target, operation.method, paths.get(operation)!, viewerToken, requestBody(document, operation));
    if (res.status !== 403) result.viewer.push(`${target.name}: ${name(operation)} as a viewer answered ${res.status}, expected 403`);
  }
  const changed = changedTables(before, await snapshot(target, victim.organizationId));
  if (changed.length) result.viewer.push(`${target.name}: a viewer's refused writes changed ${changed.join(", ")}`);
}

async function exampleCheck(
  target: OpenApiTarget,
  document: OpenApiDocument,
  operations: Operation[],
  author: RecordMaker,
  result: OpenApiCheckResult,
): Promise<void> {
  const authorToken = await target.token(author.organizationId, OWNER_PERMISSIONS());
  for (const operation of operations) {
    const body = requestBody(document, operation);
    if (!body) continue;
    if (body.example === undefined) {
      result.examples.push(`${target.name}: ${name(operation)} has no example for its ${body.type} body`);
      continue;
    }
    result.covered.examples.push(name(operation));
    const path = fill(operation.path, await author.ids(operation), () => randomUUID());
    const res = await send(target, operation.method, path, authorToken, body);
    if (res.status === 400) {
      const details = JSON.stringify(res.body?.error?.details ?? res.body?.error ?? res.body);
      result.examples.push(`${target.name}: ${name(operation)}'s example fails validation: ${details}`);
    }
  }
}
