// The CRM scenarios of `pnpm bench` (8 and 8a): the bench organization moved to a plan with the
// crm module, some contacts created through the gateway, then a list page and a create measured.

import { enablePlanModule } from "./plan-module";

/** The CRM scenarios' keys; `--only crm` runs them all. */
export const CRM_SCENARIOS = ["crm-list", "crm-create"] as const;

/** Contacts created before the CRM scenarios run (a quick run creates fewer). */
export const CRM_CONTACTS = 500;

/**
 * Moves the organization to the `pro` plan (which includes crm) unless CRM already answers, and waits
 * until it does (see enablePlanModule).
 */
export function enableCrm(gatewayUrl: string, headers: Record<string, string>): Promise<void> {
  return enablePlanModule(gatewayUrl, headers, "crm", "/api/v1/crm/contacts?limit=1");
}

/** The body of the n-th bench contact: a name, one unique email address and one phone. */
export function contactBody(n: number, prefix: string): string {
  return JSON.stringify({
    firstName: `Contact ${n}`,
    lastName: `Bench ${String(n).padStart(6, "0")}`,
    jobTitle: "Buyer",
    emails: [`${prefix}-${n}@example.com`],
    phones: [`+4940${String(1_000_000 + n)}`],
    tags: ["bench"],
  });
}

/**
 * Creates `count` contacts through the gateway (POST /api/v1/crm/contacts), ten at a time, as a
 * client would. Returns the seconds it took; throws on the first answer that is not 201.
 */
export async function seedContacts(gatewayUrl: string, headers: Record<string, string>, count: number): Promise<number> {
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = ++next;
      const res = await fetch(`${gatewayUrl}/api/v1/crm/contacts`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: contactBody(n, "seeded"),
      });
      if (res.status !== 201) throw new Error(`POST /api/v1/crm/contacts answered ${res.status}: ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return (Date.now() - started) / 1000;
}
