/**
 * Deletes organizations whose registration crashed between create and activate. Each one is
 * deleted in its own organization-scoped transaction, so RLS stays in force.
 */
import type { Logger } from "@erp/logging";
import type { TenantDb } from "../../db";
import { organizationRepository, pendingOrganizationRepository } from "./organization.repository";

const BATCH = 100;

export async function sweepPendingOrganizations(db: TenantDb, olderThanMs: number, logger?: Logger): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const stale = await db.transaction((tx) => pendingOrganizationRepository(tx).listCreatedBefore(cutoff, BATCH));
  let deleted = 0;
  for (const { organizationId } of stale) {
    // Re-checked inside: it may have been activated since it was listed.
    const count = await db.withOrganization(organizationId, async (tx) => {
      const result = await organizationRepository(tx).deletePending(organizationId, cutoff);
      // Not pending any more, so no longer the sweeper's business: drop it from the queue.
      if (result.count === 0) await pendingOrganizationRepository(tx).remove(organizationId);
      return result.count;
    });
    deleted += count;
    if (count > 0) logger?.warn("deleted a pending organization whose registration never completed", { organizationId });
  }
  return deleted;
}
