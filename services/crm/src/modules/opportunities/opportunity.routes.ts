/** Opportunities (deals): CRUD, stage moves with their history, won and lost. */
import { created, noContent, pageSchema, z, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { UNKNOWN_REFERENCE } from "../../references";
import { inCrm, type Crm } from "../setup/crm-setup";
import { createOpportunity } from "./create-opportunity";
import { deleteOpportunity } from "./delete-opportunity";
import { getOpportunity, getStageHistory } from "./get-opportunity";
import { listOpportunities } from "./list-opportunities";
import { loseOpportunity, moveOpportunity, winOpportunity } from "./move-opportunity";
import { LOST_REASON_REQUIRED, STAGE_KIND_MISMATCH } from "./opportunity.errors";
import {
  createOpportunityBody,
  loseOpportunityBody,
  moveOpportunityBody,
  opportunityDto,
  opportunityIdParams,
  opportunityListQuery,
  stageHistoryDto,
  updateOpportunityBody,
  winOpportunityBody,
} from "./opportunity.schemas";
import { updateOpportunity } from "./update-opportunity";
import { directoryUnavailable } from "../members/member.errors";

const tags = ["Opportunities"];
const notFound = { 404: { description: "No such opportunity, or another organization's (NOT_FOUND)" } };
const unknown = { description: "A company, contact or stage given does not exist in the organization", codes: [UNKNOWN_REFERENCE] };

export function registerOpportunityRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/opportunities",
    summary: "List opportunities",
    description: "Filters: status, pipelineId, stageId, ownerId, companyId, contactId, tag; q searches the name and the company's name and domain.",
    tags,
    access: { permission: permissions.opportunityRead },
    request: { query: opportunityListQuery },
    responses: { 200: { description: "A page of opportunities", schema: pageSchema(opportunityDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => listOpportunities(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/opportunities",
    summary: "Create an opportunity",
    description: "In an open stage: the pipeline's first open stage unless stageId says which. The owner defaults to the caller.",
    tags,
    access: { permission: permissions.opportunityCreate },
    request: { body: createOpportunityBody },
    responses: {
      ...directoryUnavailable,
      201: { description: "The new opportunity", schema: opportunityDto },
      404: { description: "No such pipeline (NOT_FOUND)" },
      422: { description: `${unknown.description}; or the stage is not an open stage`, codes: [UNKNOWN_REFERENCE, STAGE_KIND_MISMATCH] },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const opportunity = await inCrm(crm, scope, (tx) => createOpportunity(tx, scope, body), { assigns: [body.ownerId] });
      created(ctx, opportunity, ctx.location(`/opportunities/${opportunity.id}`));
    },
  });

  route({
    method: "get",
    path: "/opportunities/{id}",
    summary: "An opportunity",
    tags,
    access: { permission: permissions.opportunityRead },
    request: { params: opportunityIdParams },
    responses: { 200: { description: "The opportunity", schema: opportunityDto }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getOpportunity(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/opportunities/{id}",
    summary: "Change an opportunity",
    description: "Its stage changes through POST /opportunities/{id}/move (or /won, /lost).",
    tags,
    access: { permission: permissions.opportunityUpdate },
    request: { params: opportunityIdParams, body: updateOpportunityBody },
    responses: { 200: { description: "The opportunity", schema: opportunityDto }, ...notFound, 422: unknown, ...directoryUnavailable },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => updateOpportunity(tx, scope, { id: params.id, changes: body }), { assigns: [body.ownerId] }),
  });

  route({
    method: "delete",
    path: "/opportunities/{id}",
    summary: "Delete an opportunity",
    description: "With its stage history; activities attached only to it go too, the others lose the link.",
    tags,
    access: { permission: permissions.opportunityDelete },
    request: { params: opportunityIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound },
    handler: async (ctx) => {
      await inCrm(crm, ctx.scope, (tx) => deleteOpportunity(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/opportunities/{id}/move",
    summary: "Move an opportunity to another stage",
    description:
      "Recorded in the stage history (from, to, who, when, seconds in the previous stage) and published as crm.opportunity.stage_changed; " +
      "a won or lost stage closes the deal (crm.opportunity.won / .lost; a lost stage needs lostReason), an open one reopens it.",
    tags,
    access: { permission: permissions.opportunityUpdate },
    request: { params: opportunityIdParams, body: moveOpportunityBody },
    responses: {
      200: { description: "The opportunity in its new stage", schema: opportunityDto },
      ...notFound,
      409: { description: "It is in that stage already", codes: ["INVALID_STATE"] },
      422: { description: "No such stage; or a lost stage without lostReason", codes: [UNKNOWN_REFERENCE, LOST_REASON_REQUIRED] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => moveOpportunity(tx, scope, { id: params.id, ...body })),
  });

  route({
    method: "post",
    path: "/opportunities/{id}/won",
    summary: "Mark an opportunity won",
    description: "A move to a won stage: the given one or the pipeline's first.",
    tags,
    access: { permission: permissions.opportunityUpdate },
    request: { params: opportunityIdParams, body: winOpportunityBody },
    responses: {
      200: { description: "The won opportunity", schema: opportunityDto },
      ...notFound,
      409: { description: "It is won in that stage already", codes: ["INVALID_STATE"] },
      422: { description: "The stage given is not a won stage of the organization", codes: [UNKNOWN_REFERENCE, STAGE_KIND_MISMATCH] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => winOpportunity(tx, scope, { id: params.id, ...body })),
  });

  route({
    method: "post",
    path: "/opportunities/{id}/lost",
    summary: "Mark an opportunity lost",
    description: "A move to a lost stage (the given one or the pipeline's first), with the reason.",
    tags,
    access: { permission: permissions.opportunityUpdate },
    request: { params: opportunityIdParams, body: loseOpportunityBody },
    responses: {
      200: { description: "The lost opportunity", schema: opportunityDto },
      ...notFound,
      409: { description: "It is lost in that stage already", codes: ["INVALID_STATE"] },
      422: { description: "The stage given is not a lost stage of the organization", codes: [UNKNOWN_REFERENCE, STAGE_KIND_MISMATCH] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => loseOpportunity(tx, scope, { id: params.id, ...body })),
  });

  route({
    method: "get",
    path: "/opportunities/{id}/history",
    summary: "An opportunity's stage history",
    description: "Every stage it entered, oldest first; the first row is its creation (no fromStage).",
    tags,
    access: { permission: permissions.opportunityRead },
    request: { params: opportunityIdParams },
    responses: { 200: { description: "The stage history", schema: z.array(stageHistoryDto) }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getStageHistory(tx, scope, params)),
  });
}
