/**
 * Every public CRM endpoint, from its route table (a new route without a case here fails): it
 * succeeds for its own organization, answers 400 with details for a malformed request, 403 to a
 * caller without its permission, and 404 NOT_FOUND when another organization names one of the
 * first organization's records. The behaviour behind each answer is in the modules' own tests.
 */
import request from "supertest";
import { concretePath, routeName, type RouteRow } from "@erp/testkit";
import { BASE, defaultPipeline, startCrmTestApp, type Api, type CrmTestApp } from "./harness";

let t: CrmTestApp;
beforeAll(async () => {
  t = await startCrmTestApp();
});
afterAll(() => t.close());

type Ids = Record<string, string>;
/** A request of the route: its path (with ids and query), and a JSON body or a CSV text. */
interface Call {
  path: string;
  body?: object;
  csv?: string;
}
interface Case {
  /** Records the call needs, made fresh in the organization (ids by name). */
  prepare?: (api: Api) => Promise<Ids>;
  call: (ids: Ids) => Call;
  status: number;
}

const id = async (res: Promise<{ status: number; body: { data?: { id?: string } } }>): Promise<string> => {
  const { status, body } = await res;
  if (!body.data?.id) throw new Error(`fixture: ${status} ${JSON.stringify(body)}`);
  return body.data.id;
};
const company = (api: Api) => id(api.post("/companies", { name: `Co ${Math.random()}` }));
const contact = (api: Api) => id(api.post("/contacts", { firstName: "Ann" }));
const lead = (api: Api) => id(api.post("/leads", { name: "Bo Berg", companyName: "Initech" }));
const opportunity = (api: Api) => id(api.post("/opportunities", { name: "Deal", amount: "100.00", currency: "EUR" }));
const task = async (api: Api) => id(api.post("/activities", { type: "task", subject: "Call", companyId: await company(api) }));
const pipeline = (api: Api) =>
  id(api.post("/pipelines", { name: `P ${Math.random()}`, stages: [{ name: "Open", probability: 20 }, { name: "Won", kind: "won" }, { name: "Lost", kind: "lost" }] }));
const stagesOf = async (api: Api, pipelineId: string): Promise<{ id: string; name: string }[]> => (await api.get(`/pipelines/${pipelineId}`)).body.data.stages;

const CASES: Record<string, Case> = {
  "get /companies": { call: () => ({ path: "/companies" }), status: 200 },
  "get /companies/export.csv": { call: () => ({ path: "/companies/export.csv" }), status: 200 },
  "post /companies/import": { call: () => ({ path: "/companies/import?dryRun=true", csv: "name,domain\nImported,imported.example\n" }), status: 200 },
  "post /companies": { call: () => ({ path: "/companies", body: { name: "Created" } }), status: 201 },
  "get /companies/{id}": { prepare: async (api) => ({ id: await company(api) }), call: ({ id }) => ({ path: `/companies/${id}` }), status: 200 },
  "patch /companies/{id}": { prepare: async (api) => ({ id: await company(api) }), call: ({ id }) => ({ path: `/companies/${id}`, body: { industry: "Retail" } }), status: 200 },
  "delete /companies/{id}": { prepare: async (api) => ({ id: await company(api) }), call: ({ id }) => ({ path: `/companies/${id}` }), status: 204 },
  "get /companies/{id}/timeline": { prepare: async (api) => ({ id: await company(api) }), call: ({ id }) => ({ path: `/companies/${id}/timeline` }), status: 200 },

  "get /contacts": { call: () => ({ path: "/contacts" }), status: 200 },
  "get /contacts/duplicates": { call: () => ({ path: "/contacts/duplicates" }), status: 200 },
  "get /contacts/export.csv": { call: () => ({ path: "/contacts/export.csv" }), status: 200 },
  "post /contacts/import": { call: () => ({ path: "/contacts/import?dryRun=true", csv: "firstName,emails\nCy,cy@example.com\n" }), status: 200 },
  "post /contacts": { call: () => ({ path: "/contacts", body: { firstName: "Di" } }), status: 201 },
  "get /contacts/{id}": { prepare: async (api) => ({ id: await contact(api) }), call: ({ id }) => ({ path: `/contacts/${id}` }), status: 200 },
  "patch /contacts/{id}": { prepare: async (api) => ({ id: await contact(api) }), call: ({ id }) => ({ path: `/contacts/${id}`, body: { jobTitle: "Buyer" } }), status: 200 },
  "delete /contacts/{id}": { prepare: async (api) => ({ id: await contact(api) }), call: ({ id }) => ({ path: `/contacts/${id}` }), status: 204 },
  "post /contacts/{id}/merge": {
    prepare: async (api) => ({ id: await contact(api), into: await contact(api) }),
    call: ({ id, into }) => ({ path: `/contacts/${id}/merge`, body: { intoId: into } }),
    status: 200,
  },
  "get /contacts/{id}/timeline": { prepare: async (api) => ({ id: await contact(api) }), call: ({ id }) => ({ path: `/contacts/${id}/timeline` }), status: 200 },

  "get /leads": { call: () => ({ path: "/leads" }), status: 200 },
  "get /leads/export.csv": { call: () => ({ path: "/leads/export.csv" }), status: 200 },
  "post /leads/import": { call: () => ({ path: "/leads/import?dryRun=true", csv: "name,email\nEd,ed@example.com\n" }), status: 200 },
  "post /leads": { call: () => ({ path: "/leads", body: { name: "Fay" } }), status: 201 },
  "get /leads/{id}": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}` }), status: 200 },
  "patch /leads/{id}": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}`, body: { source: "website" } }), status: 200 },
  "delete /leads/{id}": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}` }), status: 204 },
  "post /leads/{id}/contacted": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}/contacted` }), status: 200 },
  "post /leads/{id}/qualify": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}/qualify` }), status: 200 },
  "post /leads/{id}/disqualify": {
    prepare: async (api) => ({ id: await lead(api) }),
    call: ({ id }) => ({ path: `/leads/${id}/disqualify`, body: { reason: "No budget" } }),
    status: 200,
  },
  "post /leads/{id}/convert": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}/convert`, body: {} }), status: 200 },
  "get /leads/{id}/timeline": { prepare: async (api) => ({ id: await lead(api) }), call: ({ id }) => ({ path: `/leads/${id}/timeline` }), status: 200 },

  "get /pipelines": { call: () => ({ path: "/pipelines" }), status: 200 },
  "post /pipelines": {
    call: () => ({ path: "/pipelines", body: { name: "Partners", stages: [{ name: "Call", probability: 10 }, { name: "Signed", kind: "won" }, { name: "Dropped", kind: "lost" }] } }),
    status: 201,
  },
  "get /pipelines/{id}": { prepare: async (api) => ({ id: await pipeline(api) }), call: ({ id }) => ({ path: `/pipelines/${id}` }), status: 200 },
  "patch /pipelines/{id}": { prepare: async (api) => ({ id: await pipeline(api) }), call: ({ id }) => ({ path: `/pipelines/${id}`, body: { name: `Renamed ${id}` } }), status: 200 },
  "delete /pipelines/{id}": { prepare: async (api) => ({ id: await pipeline(api) }), call: ({ id }) => ({ path: `/pipelines/${id}` }), status: 204 },
  "post /pipelines/{id}/stages": {
    prepare: async (api) => ({ id: await pipeline(api) }),
    call: ({ id }) => ({ path: `/pipelines/${id}/stages`, body: { name: "Demo", probability: 30 } }),
    status: 201,
  },
  "patch /pipelines/{id}/stages/{stageId}": {
    prepare: async (api) => {
      const pipelineId = await pipeline(api);
      return { id: pipelineId, stageId: (await stagesOf(api, pipelineId))[0]!.id };
    },
    call: ({ id, stageId }) => ({ path: `/pipelines/${id}/stages/${stageId}`, body: { probability: 25 } }),
    status: 200,
  },
  "put /pipelines/{id}/stage-order": {
    prepare: async (api) => {
      const pipelineId = await pipeline(api);
      return { id: pipelineId, order: (await stagesOf(api, pipelineId)).map((stage) => stage.id).reverse().join(",") };
    },
    call: ({ id, order }) => ({ path: `/pipelines/${id}/stage-order`, body: { stageIds: order!.split(",") } }),
    status: 200,
  },
  "delete /pipelines/{id}/stages/{stageId}": {
    prepare: async (api) => {
      const pipelineId = await pipeline(api);
      await api.post(`/pipelines/${pipelineId}/stages`, { name: "Spare", probability: 50 });
      return { id: pipelineId, stageId: (await stagesOf(api, pipelineId)).find((stage) => stage.name === "Spare")!.id };
    },
    call: ({ id, stageId }) => ({ path: `/pipelines/${id}/stages/${stageId}` }),
    status: 204,
  },

  "get /opportunities": { call: () => ({ path: "/opportunities" }), status: 200 },
  "post /opportunities": { call: () => ({ path: "/opportunities", body: { name: "New deal" } }), status: 201 },
  "get /opportunities/{id}": { prepare: async (api) => ({ id: await opportunity(api) }), call: ({ id }) => ({ path: `/opportunities/${id}` }), status: 200 },
  "patch /opportunities/{id}": {
    prepare: async (api) => ({ id: await opportunity(api) }),
    call: ({ id }) => ({ path: `/opportunities/${id}`, body: { expectedCloseDate: "2026-12-31" } }),
    status: 200,
  },
  "delete /opportunities/{id}": { prepare: async (api) => ({ id: await opportunity(api) }), call: ({ id }) => ({ path: `/opportunities/${id}` }), status: 204 },
  "post /opportunities/{id}/move": {
    prepare: async (api) => ({ id: await opportunity(api), stageId: (await defaultPipeline(api)).stage("Proposal") }),
    call: ({ id, stageId }) => ({ path: `/opportunities/${id}/move`, body: { stageId } }),
    status: 200,
  },
  "post /opportunities/{id}/won": { prepare: async (api) => ({ id: await opportunity(api) }), call: ({ id }) => ({ path: `/opportunities/${id}/won`, body: {} }), status: 200 },
  "post /opportunities/{id}/lost": {
    prepare: async (api) => ({ id: await opportunity(api) }),
    call: ({ id }) => ({ path: `/opportunities/${id}/lost`, body: { lostReason: "Price" } }),
    status: 200,
  },
  "get /opportunities/{id}/history": { prepare: async (api) => ({ id: await opportunity(api) }), call: ({ id }) => ({ path: `/opportunities/${id}/history` }), status: 200 },
  "get /opportunities/{id}/timeline": {
    prepare: async (api) => ({ id: await opportunity(api) }),
    call: ({ id }) => ({ path: `/opportunities/${id}/timeline` }),
    status: 200,
  },

  "get /activities": { call: () => ({ path: "/activities" }), status: 200 },
  "post /activities": { prepare: async (api) => ({ companyId: await company(api) }), call: ({ companyId }) => ({ path: "/activities", body: { type: "note", subject: "Met", companyId } }), status: 201 },
  "get /activities/{id}": { prepare: async (api) => ({ id: await task(api) }), call: ({ id }) => ({ path: `/activities/${id}` }), status: 200 },
  "patch /activities/{id}": { prepare: async (api) => ({ id: await task(api) }), call: ({ id }) => ({ path: `/activities/${id}`, body: { subject: "Call back" } }), status: 200 },
  "delete /activities/{id}": { prepare: async (api) => ({ id: await task(api) }), call: ({ id }) => ({ path: `/activities/${id}` }), status: 204 },
  "post /activities/{id}/complete": { prepare: async (api) => ({ id: await task(api) }), call: ({ id }) => ({ path: `/activities/${id}/complete` }), status: 200 },
  "post /activities/{id}/reopen": {
    prepare: async (api) => {
      const taskId = await task(api);
      await api.post(`/activities/${taskId}/complete`);
      return { id: taskId };
    },
    call: ({ id }) => ({ path: `/activities/${id}/reopen` }),
    status: 200,
  },

  "get /reports/pipeline": { call: () => ({ path: "/reports/pipeline" }), status: 200 },
  "get /reports/forecast": { call: () => ({ path: "/reports/forecast?from=2026-01-01&to=2026-12-31" }), status: 200 },
  "get /reports/win-rate": { call: () => ({ path: "/reports/win-rate" }), status: 200 },
  "get /reports/stage-time": { call: () => ({ path: "/reports/stage-time" }), status: 200 },
};

const publicRoutes = () => t.routes.filter((route) => route.path.startsWith(`${BASE}/`));
const caseName = (route: RouteRow) => routeName({ method: route.method, path: route.path.slice(BASE.length) });

function send(api: Api, method: RouteRow["method"], call: Call) {
  if (call.csv !== undefined) return api.postCsv(call.path, call.csv);
  if (method === "get" || method === "delete") return api[method](call.path);
  return api[method](call.path, call.body ?? {});
}

/** The route's malformed request: ids that are no uuids, else an unknown query parameter, else an unknown body field. */
function malformed(route: RouteRow): { call: Call; paths: string[] } {
  const template = route.path.slice(BASE.length);
  const params = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  if (params.length > 0) return { call: { path: template.replace(/\{\w+\}/g, "not-a-uuid"), body: {} }, paths: params };
  if (template.endsWith("/import")) return { call: { path: `${template}?mode=sideways`, csv: "name\nX\n" }, paths: ["mode"] };
  if (route.method === "get") return { call: { path: `${template}?bogus=1` }, paths: ["bogus"] };
  return { call: { path: template, body: { bogus: 1 } }, paths: ["bogus"] };
}

it("every public route has a case here", () => {
  expect(publicRoutes().map(caseName).sort()).toEqual(Object.keys(CASES).sort());
});

it("a caller without the route's permission is refused with 403, before anything else", async () => {
  const org = t.organization();
  const none = t.token(org.id, []);
  for (const route of publicRoutes()) {
    const res = await request(t.app)[route.method](concretePath(route.path)).set("Authorization", `Bearer ${none}`).send({});
    expect([caseName(route), res.status, res.body.error?.code]).toEqual([caseName(route), 403, "FORBIDDEN"]);
  }
});

it("a malformed request is 400 VALIDATION_FAILED with the offending fields in details", async () => {
  const org = t.organization();
  for (const route of publicRoutes()) {
    const { call, paths } = malformed(route);
    const res = await send(org.api, route.method, call);
    const detailPaths = ((res.body.error?.details ?? []) as { path: string }[]).map((detail) => detail.path);
    expect([caseName(route), res.status, res.body.error?.code]).toEqual([caseName(route), 400, "VALIDATION_FAILED"]);
    expect([caseName(route), detailPaths]).toEqual([caseName(route), expect.arrayContaining(paths)]);
  }
});

it("another organization gets 404 for every record route, and the owner's call succeeds", async () => {
  const org = t.organization();
  const other = t.organization();
  for (const route of publicRoutes()) {
    const name = caseName(route);
    const { prepare, call, status } = CASES[name]!;
    const request = call(prepare ? await prepare(org.api) : {});
    if (route.path.includes("{")) {
      const theirs = await send(other.api, route.method, request);
      expect([name, theirs.status, theirs.body.error?.code]).toEqual([name, 404, "NOT_FOUND"]);
    }
    const mine = await send(org.api, route.method, request);
    expect([name, mine.status, mine.status >= 400 ? mine.body : null]).toEqual([name, status, null]);
  }
});
