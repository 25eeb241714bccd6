import { builtInRolePermissions, listPermissions, tenantPermissions } from "./index";
import { definePermissions } from "./define";

test("an owner holds every declared permission", () => {
  expect(builtInRolePermissions("owner")).toEqual(listPermissions().map((p) => p.key));
});

test("an admin administers but does not change the plan", () => {
  const admin = builtInRolePermissions("admin");
  expect(admin).toContain(tenantPermissions.moduleUpdate);
  expect(admin).not.toContain(tenantPermissions.subscriptionUpdate);
});

test("a viewer holds read permissions only", () => {
  const viewer = builtInRolePermissions("viewer");
  expect(viewer).toContain(tenantPermissions.organizationRead);
  expect(viewer).not.toContain(tenantPermissions.organizationUpdate);
  const levels = new Set(listPermissions().filter((p) => viewer.includes(p.key)).map((p) => p.level));
  expect([...levels]).toEqual(["read"]);
});

test("a permission that is not <module>.<resource>.<action> is refused", () => {
  expect(() => definePermissions("x", { bad: { key: "x.read", level: "read", description: "" } })).toThrow(/module/);
});

test("two services cannot declare the same permission", () => {
  expect(() => definePermissions("other", { clash: { key: tenantPermissions.organizationRead, level: "read", description: "" } })).toThrow(
    /declared by tenant and other/,
  );
});
