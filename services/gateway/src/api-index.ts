/** `GET /`: what a person or a tool finds at the gateway's root, public: its name, version and where to go next. */
import type { RequestHandler } from "express";
import { version } from "../package.json";
import { EVENT_CATALOG_PATH } from "./event-catalog";

export const GATEWAY_NAME = "ERP API gateway";

/** Answers `{data: {name, version, links: {docs, health, ready, events}}}`; links are paths on this gateway. */
export const apiIndex: RequestHandler = (_req, res) => {
  res.json({
    data: {
      name: GATEWAY_NAME,
      version,
      links: { docs: "/docs", health: "/health", ready: "/ready", events: EVENT_CATALOG_PATH },
    },
  });
};
