import { apiVersionsHandler } from "./apiVersions";
import { createTopicsHandler } from "./createTopics";
import { deleteTopicsHandler } from "./deleteTopics";
import { describeGroupsHandler } from "./describeGroups";
import { fetchHandler } from "./fetch";
import { findCoordinatorHandler } from "./findCoordinator";
import { heartbeatHandler } from "./heartbeat";
import { joinGroupHandler } from "./joinGroup";
import { leaveGroupHandler } from "./leaveGroup";
import { listGroupsHandler } from "./listGroups";
import { listOffsetsHandler } from "./listOffsets";
import { metadataHandler } from "./metadata";
import { offsetCommitHandler } from "./offsetCommit";
import { offsetFetchHandler } from "./offsetFetch";
import { produceHandler } from "./produce";
import { syncGroupHandler } from "./syncGroup";
import type { ApiHandler } from "./types";

export type { ApiHandler, BrokerContext, LogFn, RequestContext } from "./types";

/** Every API this broker implements, keyed by API key; ApiVersions advertises exactly these. */
export const API_HANDLERS: ReadonlyMap<number, ApiHandler> = (() => {
  const list: ApiHandler[] = [
    produceHandler,
    fetchHandler,
    listOffsetsHandler,
    metadataHandler,
    offsetCommitHandler,
    offsetFetchHandler,
    findCoordinatorHandler,
    joinGroupHandler,
    heartbeatHandler,
    leaveGroupHandler,
    syncGroupHandler,
    describeGroupsHandler,
    listGroupsHandler,
    createTopicsHandler,
    deleteTopicsHandler,
  ];
  list.push(apiVersionsHandler(() => list));
  return new Map(list.map((h) => [h.key, h]));
})();
