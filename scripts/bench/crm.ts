// The CRM scenarios of `pnpm bench` (8 and 8a): the bench organization moved to a plan with the
// crm module, some contacts created through the gateway, then a list page and a create measured.

/** The CRM scenarios' keys; `--only crm` runs them all. */
export const CRM_SCENARIOS = ["crm-list", "crm-create"] as const;

/** Contacts created before the CRM scenarios run (a quick run creates fewer). */
export const CRM_CONTACTS = 500;

/**
 * Moves the organization to the `pro` plan (which includes crm) through the gateway, unless it is
 * on it already, and waits until CRM answers for it (the gateway drops its cached module list on
 * the tenant's event, so this takes a moment). Throws when the plan change is refused or CRM does
 * not answer within 60 s.
 */
export async function enableCrm(gatewayUrl: string, headers: Record<string, string>): Promise<void> {
  const current = await fetch(`${gatewayUrl}/api/v1/crm/contacts?limit=1`, { headers });
  if (current.ok) return;
  const upgraded = await fetch(`${gatewayUrl}/api/v1/tenant/subscription`, {
    method: "PUT",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ planCode: "pro" }),
  });
  if (!upgraded.ok) throw new Error(`PUT subscription answered ${upgraded.status}: ${await upgraded.text()}`);
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    const res = await fetch(`${gatewayUrl}/api/v1/crm/contacts?limit=1`, { headers });
    if (res.ok) return;
    last = `${res.status} ${await res.text()}`;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`crm did not answer for the organization within 60 s (last: ${last})`);
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
