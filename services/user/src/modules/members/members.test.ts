import { as, startUserTestApp, type UserTestApp } from "../../../test/harness";

let t: UserTestApp;
beforeAll(async () => {
  t = await startUserTestApp();
});
afterAll(() => t.close());

describe("own profile (/me)", () => {
  it("reads and edits one's own profile, writing user.profile.updated", async () => {
    const org = await t.createOrganization();
    const me = await as(t.app, org.ownerToken).get("/me");
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ userId: org.ownerId, status: "active", name: "Olive Owner", roles: [{ name: "owner" }] });

    const changes = { name: "Olive O.", phone: "+49 30 1234567", jobTitle: "CEO", locale: "de-DE", timezone: "Europe/Berlin", avatarUrl: "https://cdn.example.com/o.png" };
    const res = await as(t.app, org.ownerToken).patch("/me", changes);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject(changes);
    expect(await t.outboxTypes(org.id)).toEqual(["user.profile.updated"]);
  });

  it("answers 400 with details for bad fields and writes nothing", async () => {
    const org = await t.createOrganization();
    const res = await as(t.app, org.ownerToken).patch("/me", { timezone: "Mars/Olympus", avatarUrl: "javascript:alert(1)", status: "active" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["avatarUrl", "status", "timezone"]);
    expect(await t.outboxTypes(org.id)).toEqual([]);
  });
});

describe("members", () => {
  it("lists members with filters and cursor pagination", async () => {
    const org = await t.createOrganization();
    const a = await t.addMember(org, ["member"], "Alice Able");
    await t.addMember(org, ["viewer"], "Bob Baker");
    const roles = (await as(t.app, org.ownerToken).get("/roles")).body.data as { id: string; name: string }[];

    const first = await as(t.app, org.ownerToken).get("/members?limit=2");
    expect(first.body.page).toMatchObject({ limit: 2, hasMore: true });
    const second = await as(t.app, org.ownerToken).get(`/members?limit=2&cursor=${first.body.page.nextCursor}`);
    expect(second.body.page).toEqual({ limit: 2, nextCursor: null, hasMore: false });
    expect([...first.body.data, ...second.body.data]).toHaveLength(3);

    const byRole = await as(t.app, org.ownerToken).get(`/members?roleId=${roles.find((r) => r.name === "member")!.id}`);
    expect(byRole.body.data.map((m: { userId: string }) => m.userId)).toEqual([a.userId]);
    const byText = await as(t.app, org.ownerToken).get("/members?q=bak");
    expect(byText.body.data.map((m: { name: string }) => m.name)).toEqual(["Bob Baker"]);
    expect((await as(t.app, org.ownerToken).get("/members?status=nope")).status).toBe(400);
  });

  it("an admin edits a member's profile and department; a member may not (403)", async () => {
    const org = await t.createOrganization();
    const target = await t.addMember(org, ["member"]);
    const department = (await as(t.app, org.ownerToken).post("/departments", { name: "Sales" })).body.data;
    const admin = await t.token(org.id, org.ownerId, "admin");
    const res = await as(t.app, admin).patch(`/members/${target.userId}`, { jobTitle: "Rep", departmentId: department.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ jobTitle: "Rep", departmentId: department.id });
    const filtered = await as(t.app, admin).get(`/members?departmentId=${department.id}`);
    expect(filtered.body.data.map((m: { userId: string }) => m.userId)).toEqual([target.userId]);
    const member = await t.token(org.id, target.userId, "member");
    expect((await as(t.app, member).patch(`/members/${org.ownerId}`, { jobTitle: "Intern" })).status).toBe(403);
  });

  it("answers 404 for another organization's member", async () => {
    const mine = await t.createOrganization();
    const theirs = await t.createOrganization();
    expect((await as(t.app, mine.ownerToken).get(`/members/${theirs.ownerId}`)).status).toBe(404);
    expect((await as(t.app, mine.ownerToken).patch(`/members/${theirs.ownerId}`, { name: "x" })).status).toBe(404);
    expect((await as(t.app, mine.ownerToken).post(`/members/${theirs.ownerId}/deactivate`)).status).toBe(404);
  });
});

describe("roles of members and the last owner", () => {
  it("changes a member's roles (effective at their next token) and writes user.membership.roles_changed", async () => {
    const org = await t.createOrganization();
    const member = await t.addMember(org, ["viewer"]);
    const res = await as(t.app, org.ownerToken).put(`/members/${member.userId}/roles`, { roles: ["member"] });
    expect(res.status).toBe(200);
    expect((await t.authorization(org.id, member.userId)).roles).toEqual(["member"]);
    expect(await t.outboxTypes(org.id)).toContain("user.membership.roles_changed");
    const unknown = await as(t.app, org.ownerToken).put(`/members/${member.userId}/roles`, { roles: ["wizard"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe("UNKNOWN_ROLE");
  });

  it("refuses to demote or deactivate the last owner (422)", async () => {
    const org = await t.createOrganization();
    const demote = await as(t.app, org.ownerToken).put(`/members/${org.ownerId}/roles`, { roles: ["admin"] });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe("LAST_OWNER");
    expect((await as(t.app, org.ownerToken).post(`/members/${org.ownerId}/deactivate`)).status).toBe(422);
    expect((await t.authorization(org.id, org.ownerId)).roles).toEqual(["owner"]);

    // With a second owner, the first may step down.
    const second = await t.addMember(org, ["owner"]);
    expect((await as(t.app, org.ownerToken).put(`/members/${org.ownerId}/roles`, { roles: ["admin"] })).status).toBe(200);
    expect((await as(t.app, org.ownerToken).put(`/members/${second.userId}/roles`, { roles: ["admin"] })).status).toBe(422);
  });

  it("an admin cannot grant or take away ownership (403)", async () => {
    const org = await t.createOrganization();
    const member = await t.addMember(org, ["member"]);
    const admin = await t.token(org.id, member.userId, "admin");
    expect((await as(t.app, admin).put(`/members/${member.userId}/roles`, { roles: ["owner"] })).status).toBe(403);
    expect((await as(t.app, admin).put(`/members/${org.ownerId}/roles`, { roles: ["member"] })).status).toBe(403);
    expect((await as(t.app, admin).post(`/members/${org.ownerId}/deactivate`)).status).toBe(403);
  });
});

describe("deactivation", () => {
  it("ends access: status deactivated, no permissions, sessions revoked in auth; reactivation restores it", async () => {
    const org = await t.createOrganization();
    const member = await t.addMember(org, ["member"]);
    const res = await as(t.app, org.ownerToken).post(`/members/${member.userId}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe("deactivated");
    expect(await t.authorization(org.id, member.userId)).toEqual({ status: "deactivated", roles: ["member"], permissions: [] });
    expect(t.auth.revocations).toContainEqual({ userId: member.userId, organizationId: org.id });
    expect((await as(t.app, org.ownerToken).post(`/members/${member.userId}/deactivate`)).status).toBe(409);

    expect((await as(t.app, org.ownerToken).post(`/members/${member.userId}/reactivate`)).status).toBe(200);
    expect((await t.authorization(org.id, member.userId)).status).toBe("active");
    expect(await t.outboxTypes(org.id)).toEqual(expect.arrayContaining(["user.membership.deactivated", "user.membership.activated"]));
  });

  it("is refused with 403 to a member", async () => {
    const org = await t.createOrganization();
    const member = await t.addMember(org, ["member"]);
    const token = await t.token(org.id, member.userId, "member");
    expect((await as(t.app, token).post(`/members/${org.ownerId}/deactivate`)).status).toBe(403);
  });
});
