import { hasPermission } from "@erp/http-kit";
import { permissionsForRoles } from "./roles";

const can = (roles: string[], permission: string) => hasPermission(permissionsForRoles(roles), permission);

describe("built-in roles", () => {
  it("owner may do everything", () => {
    expect(permissionsForRoles(["owner"])).toEqual(["*"]);
    expect(can(["owner"], "tenant.subscription.update")).toBe(true);
  });

  it("admin manages the organization but not its plan", () => {
    expect(can(["admin"], "tenant.module.update")).toBe(true);
    expect(can(["admin"], "tenant.settings.update")).toBe(true);
    expect(can(["admin"], "tenant.organization.update")).toBe(true);
    expect(can(["admin"], "finance.invoice.issue")).toBe(true);
    expect(can(["admin"], "tenant.subscription.update")).toBe(false);
    expect(can(["admin"], "tenant.subscription.read")).toBe(true);
  });

  it("viewer only reads", () => {
    expect(can(["viewer"], "tenant.organization.read")).toBe(true);
    expect(can(["viewer"], "auth.session.read")).toBe(true);
    expect(can(["viewer"], "tenant.settings.update")).toBe(false);
    expect(can(["viewer"], "finance.invoice.issue")).toBe(false);
  });

  it("combines roles and ignores unknown ones", () => {
    expect(permissionsForRoles(["viewer", "made-up"])).toEqual(permissionsForRoles(["viewer"]));
    expect(can(["viewer", "admin"], "tenant.module.update")).toBe(true);
  });
});
