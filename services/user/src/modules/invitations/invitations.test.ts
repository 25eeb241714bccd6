import { createHash, randomUUID } from "node:crypto";
import { uuidv7 } from "@erp/db";
import { as, startUserTestApp, type UserTestApp } from "../../../test/harness";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

const email = () => `${randomUUID()}@example.com`;

describe("POST /invitations", () => {
  it("answers the accept token once, stores only its hash, and writes user.invitation.created without it", async () => {
    const org = await t.createOrganization();
    const address = email();
    const res = await as(t.app, org.ownerToken).post("/invitations", { email: address.toUpperCase(), roles: ["member"] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email: address, roles: ["member"], status: "pending", token: expect.stringMatching(/^[\w-]{43}$/) });
    const { token } = res.body.data;

    const stored = await t.owner.query("select token_hash from users.invitations where id = $1", [res.body.data.id]);
    expect(stored.rows[0].token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    const events = await t.owner.query("select envelope from users.outbox where organization_id = $1", [org.id]);
    expect(events.rows.map((r) => r.envelope.type)).toEqual(["user.invitation.created"]);
    expect(events.rows[0].envelope.data).toMatchObject({ invitationId: res.body.data.id, email: address, expiresAt: res.body.data.expiresAt });
    expect(JSON.stringify(events.rows)).not.toContain(token);

    const listed = await as(t.app, org.ownerToken).get("/invitations?status=pending");
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([res.body.data.id]);
    expect(listed.body.data[0].token).toBeUndefined();
  });

  it("is single use: the second accept is 404, and so is lookup afterwards", async () => {
    const org = await t.createOrganization();
    const { token } = (await as(t.app, org.ownerToken).post("/invitations", { email: email(), roles: ["viewer"] })).body.data;
    expect((await t.internal.post("/invitations/lookup", { token })).body.data).toMatchObject({ organizationId: org.id, roles: ["viewer"] });
    const userId = uuidv7();
    const first = await t.internal.post("/invitations/consume", { token, userId, name: "Vic" });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ organizationId: org.id, status: "active", roles: ["viewer"] });
    expect((await t.internal.post("/invitations/consume", { token, userId: uuidv7(), name: "Eve" })).status).toBe(404);
    expect((await t.internal.post("/invitations/lookup", { token })).status).toBe(404);
    expect(await t.outboxTypes(org.id)).toEqual(["user.invitation.created", "user.membership.activated", "user.invitation.accepted"]);
  });

  it("an expired or revoked invitation cannot be accepted", async () => {
    const org = await t.createOrganization();
    const expired = (await as(t.app, org.ownerToken).post("/invitations", { email: email(), roles: ["member"] })).body.data;
    await t.owner.query("update users.invitations set expires_at = now() - interval '1 second' where id = $1", [expired.id]);
    expect((await t.internal.post("/invitations/lookup", { token: expired.token })).status).toBe(404);
    expect((await as(t.app, org.ownerToken).get("/invitations?status=expired")).body.data.map((i: { id: string }) => i.id)).toEqual([expired.id]);

    const revoked = (await as(t.app, org.ownerToken).post("/invitations", { email: email(), roles: ["member"] })).body.data;
    const res = await as(t.app, org.ownerToken).post(`/invitations/${revoked.id}/revoke`);
    expect(res.body.data.status).toBe("revoked");
    expect((await t.internal.post("/invitations/consume", { token: revoked.token, userId: uuidv7(), name: "X" })).status).toBe(404);
    expect((await as(t.app, org.ownerToken).post(`/invitations/${revoked.id}/revoke`)).status).toBe(409);
  });

  it("inviting someone who has an account adds an invited membership, active on accepting", async () => {
    const org = await t.createOrganization();
    const existing = { id: uuidv7(), email: email(), name: "Existing Erin" };
    t.auth.accounts.set(existing.email, existing);
    const { token } = (await as(t.app, org.ownerToken).post("/invitations", { email: existing.email, roles: ["admin"] })).body.data;
    const invited = await as(t.app, org.ownerToken).get(`/members/${existing.id}`);
    expect(invited.body.data).toMatchObject({ status: "invited", name: "Existing Erin", roles: [{ name: "admin" }] });
    expect((await t.authorization(org.id, existing.id)).permissions).toEqual([]);

    await t.internal.post("/invitations/consume", { token, userId: existing.id, name: existing.name });
    expect((await t.authorization(org.id, existing.id)).status).toBe("active");
    const again = await as(t.app, org.ownerToken).post("/invitations", { email: existing.email, roles: ["member"] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ALREADY_MEMBER");
  });

  it("refuses unknown roles (422), bad input (400), members (403), and owner invitations from admins (403)", async () => {
    const org = await t.createOrganization();
    expect((await as(t.app, org.ownerToken).post("/invitations", { email: email(), roles: ["wizard"] })).status).toBe(422);
    const bad = await as(t.app, org.ownerToken).post("/invitations", { email: "nope", roles: [], token: "mine" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["email", "roles", "token"]);
    const member = await t.token(org.id, org.ownerId, "member");
    expect((await as(t.app, member).post("/invitations", { email: email(), roles: ["member"] })).status).toBe(403);
    const admin = await t.token(org.id, org.ownerId, "admin");
    expect((await as(t.app, admin).post("/invitations", { email: email(), roles: ["owner"] })).status).toBe(403);
    expect(await t.outboxTypes(org.id)).toEqual([]);
  });

  it("answers 404 when revoking another organization's invitation", async () => {
    const mine = await t.createOrganization();
    const theirs = await t.createOrganization();
    const invitation = (await as(t.app, theirs.ownerToken).post("/invitations", { email: email(), roles: ["member"] })).body.data;
    expect((await as(t.app, mine.ownerToken).post(`/invitations/${invitation.id}/revoke`)).status).toBe(404);
  });
});
