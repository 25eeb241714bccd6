import express from "express";
import request from "supertest";
import { errorHandler } from "./error-handler";
import { hasPermission, requirePermission } from "./permissions";
import { createLogger } from "@erp/logging";

describe("hasPermission", () => {
  it.each([
    [["finance.invoice.read"], "finance.invoice.read", true],
    [["finance.invoice.read"], "finance.invoice.issue", false],
    [["*"], "tenant.organization.update", true],
    [["finance.*"], "finance.invoice.issue", true],
    [["finance.*"], "financials.report.read", false],
    [["finance.invoice.*"], "finance.invoice.void", true],
    [["finance.invoice.*"], "finance.payment.create", false],
    [["crm.lead.read", "finance.invoice.read"], "finance.invoice.read", true],
    [[], "finance.invoice.read", false],
  ])("granted %j → %s is %s", (granted, required, expected) => {
    expect(hasPermission(granted, required)).toBe(expected);
  });
});

describe("requirePermission", () => {
  const logger = createLogger({ service: "test", level: "error", format: "json" });
  const appWith = (principalPermissions?: string[]) => {
    const app = express();
    app.use((req, _res, next) => {
      if (principalPermissions) {
        req.principal = { userId: "u", organizationId: "o", roles: [], permissions: principalPermissions, kind: "user" };
      }
      next();
    });
    app.get("/", requirePermission("crm.lead.read"), (_req, res) => {
      res.json({ ok: true });
    });
    app.use(errorHandler(logger));
    return app;
  };

  it("answers 401 when no principal was set", async () => {
    const res = await request(appWith()).get("/");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("answers 403 FORBIDDEN when the permission is not granted", async () => {
    const res = await request(appWith(["crm.lead.create"])).get("/");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("lets the request through when the permission is granted", async () => {
    expect((await request(appWith(["crm.*"])).get("/")).status).toBe(200);
  });
});
