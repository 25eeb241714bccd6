/** `GET /<records>/{id}/timeline` for companies, contacts, leads and opportunities. */
import { pageSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { inCrm, type Crm } from "../setup/crm-setup";
import { getTimeline } from "./get-timeline";
import { timelineEntryDto, timelineParams, timelineQuery, type TimelineRecord } from "./timeline.schemas";

const RECORDS: { recordType: TimelineRecord; path: string; permission: string; tag: string }[] = [
  { recordType: "company", path: "/companies", permission: permissions.companyRead, tag: "Companies" },
  { recordType: "contact", path: "/contacts", permission: permissions.contactRead, tag: "Contacts" },
  { recordType: "lead", path: "/leads", permission: permissions.leadRead, tag: "Leads" },
  { recordType: "opportunity", path: "/opportunities", permission: permissions.opportunityRead, tag: "Opportunities" },
];

export function registerTimelineRoutes(route: ServiceApp["route"], crm: Crm): void {
  for (const { recordType, path, permission, tag } of RECORDS) {
    route({
      method: "get",
      path: `${path}/{id}/timeline`,
      summary: `A ${recordType}'s timeline`,
      description: "Its activities and what happened to it (created, changed fields with before/after, stage moves, status changes, conversion, merges), newest first.",
      tags: [tag],
      access: { permission },
      request: { params: timelineParams, query: timelineQuery },
      responses: {
        200: { description: "A page of timeline entries", schema: pageSchema(timelineEntryDto) },
        404: { description: `No such ${recordType}, or another organization's (NOT_FOUND)` },
      },
      handler: ({ scope, params, query }) => inCrm(crm, scope, (tx) => getTimeline(tx, scope, { recordType, id: params.id, ...query })),
    });
  }
}
