/**
 * The revocation feed on the postgres transport: a revocation published by one process (auth's
 * relay) reaches the set of another (a verifier) within a second, and only revocations count.
 */
import pg from "pg";
import { sessionRevoked, userRegistered } from "@erp/event-catalog";
import { createPostgresTransport, migrateEvents, type EventEnvelope, type Transport } from "@erp/events";
import { uuidv7 } from "@erp/db";
import { createTestDatabase, dropTestDatabases } from "@erp/testkit";
import { createRevokedSessions } from "./revoked-sessions";
import { applyRevocation, followSessionRevocations, type SessionRevocationFeed } from "./session-revocation-feed";

const revocation = (sessionId: string, tokensExpireAt = new Date(Date.now() + 60_000)): EventEnvelope => ({
  id: uuidv7(),
  type: sessionRevoked.type,
  version: sessionRevoked.version,
  organizationId: uuidv7(),
  aggregateId: sessionId,
  occurredAt: new Date().toISOString(),
  actor: { type: "service", id: "auth" },
  correlationId: "c-1",
  data: { userId: uuidv7(), sessionId, reason: "logout", tokensExpireAt: tokensExpireAt.toISOString() },
});

async function within(ms: number, check: () => boolean): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe("applyRevocation", () => {
  it("revokes the session an auth.session.revoked names, until its tokens expire", () => {
    const revoked = createRevokedSessions();
    const sessionId = uuidv7();
    applyRevocation(revoked, revocation(sessionId));
    expect(revoked.isRevoked(sessionId)).toBe(true);
  });

  it("ignores other events and other versions", () => {
    const revoked = createRevokedSessions();
    const sessionId = uuidv7();
    applyRevocation(revoked, { ...revocation(sessionId), type: userRegistered.type });
    applyRevocation(revoked, { ...revocation(sessionId), version: 2 });
    expect(revoked.size).toBe(0);
  });

  it("refuses a revocation without the fields it needs (the broadcast logs and skips it)", () => {
    const broken = { ...revocation(uuidv7()), data: { sessionId: "not-a-uuid" } };
    expect(() => applyRevocation(createRevokedSessions(), broken)).toThrow();
  });
});

describe("followSessionRevocations on the postgres transport", () => {
  let pool: pg.Pool;
  let publisher: Transport;
  let listener: Transport;
  let feed: SessionRevocationFeed;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    await migrateEvents(databaseUrl);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    // Two transports stand for two processes: auth's relay publishes, a verifier listens.
    publisher = createPostgresTransport({ pool });
    listener = createPostgresTransport({ pool });
    feed = await followSessionRevocations({ transport: listener });
  });

  afterAll(async () => {
    await feed?.close();
    await Promise.all([publisher?.close(), listener?.close()]);
    await pool?.end();
    await dropTestDatabases();
  });

  it("a revocation published elsewhere is refused here within a second; other sessions are not", async () => {
    const sessionId = uuidv7();
    const bystander = uuidv7();
    await publisher.publish([revocation(sessionId)]);
    await within(1_000, () => feed.revokedSessions.isRevoked(sessionId));
    expect(feed.revokedSessions.isRevoked(bystander)).toBe(false);
  });

  it("a malformed revocation is skipped and the feed carries on", async () => {
    const after = uuidv7();
    await publisher.publish([{ ...revocation(uuidv7()), data: { nonsense: true } }, revocation(after)]);
    await within(1_000, () => feed.revokedSessions.isRevoked(after));
    expect(feed.subscription.stats().failed).toBe(1);
  });
});
