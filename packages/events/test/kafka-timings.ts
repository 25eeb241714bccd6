/** Short group timings: a test consumer joins or takes over in milliseconds, not seconds. */
export const fastGroup = { sessionTimeout: 3000, rebalanceTimeout: 5000, heartbeatInterval: 100, maxWaitTimeInMs: 100 };
