/**
 * Makes a plan module (finance, crm) answer for the bench organization: moves it to the `pro` plan
 * through the gateway unless `probePath` already answers, then waits until it does (the gateway
 * drops its cached module list on the tenant's event, so this takes a moment). Throws when the plan
 * change is refused or the module does not answer within 60 s.
 */
export async function enablePlanModule(
  gatewayUrl: string,
  headers: Record<string, string>,
  module: string,
  probePath: string,
): Promise<void> {
  const probe = () => fetch(`${gatewayUrl}${probePath}`, { headers });
  if ((await probe()).ok) return;
  const upgraded = await fetch(`${gatewayUrl}/api/v1/tenant/subscription`, {
    method: "PUT",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ planCode: "pro" }),
  });
  if (!upgraded.ok) throw new Error(`PUT subscription answered ${upgraded.status}: ${await upgraded.text()}`);
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    const res = await probe();
    if (res.ok) return;
    last = `${res.status} ${await res.text()}`;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${module} did not answer for the organization within 60 s (last: ${last})`);
}
