/** Pipelines and their stages: read by everyone in sales, designed by administrators. */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { UNKNOWN_REFERENCE } from "../../references";
import { LOST_REASON_REQUIRED } from "../opportunities/opportunity.errors";
import { inCrm, type Crm } from "../setup/crm-setup";
import { addStage } from "./add-stage";
import { createPipeline } from "./create-pipeline";
import { deletePipeline } from "./delete-pipeline";
import { deleteStage } from "./delete-stage";
import { getPipeline } from "./get-pipeline";
import { listPipelines } from "./list-pipelines";
import { PIPELINE_IN_USE, PROBABILITY_REQUIRED, STAGE_IN_USE, STAGE_ORDER_MISMATCH, STAGES_INCOMPLETE } from "./pipeline.errors";
import {
  addStageBody,
  createPipelineBody,
  deleteStageQuery,
  pipelineDto,
  pipelineIdParams,
  pipelineListQuery,
  reorderStagesBody,
  stageParams,
  updatePipelineBody,
  updateStageBody,
} from "./pipeline.schemas";
import { reorderStages } from "./reorder-stages";
import { updatePipeline } from "./update-pipeline";
import { updateStage } from "./update-stage";

const tags = ["Pipelines"];
const notFound = { 404: { description: "No such pipeline (or stage), or another organization's (NOT_FOUND)" } };
const nameTaken = { 409: { description: "The name is taken ignoring case; `error.details[0].existing.id` holds it", codes: ["CONFLICT"] } };
const probability = { description: "A stage's probability is missing or not the fixed one of a won/lost stage", codes: [PROBABILITY_REQUIRED, "PROBABILITY_FIXED"] };

export function registerPipelineRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/pipelines",
    summary: "List pipelines with their stages",
    description: "Every organization starts with a default sales pipeline (qualification, proposal, negotiation, won, lost).",
    tags,
    access: { permission: permissions.pipelineRead },
    request: { query: pipelineListQuery },
    responses: { 200: { description: "A page of pipelines", schema: pageSchema(pipelineDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => listPipelines(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/pipelines",
    summary: "Create a pipeline",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { body: createPipelineBody },
    responses: {
      201: { description: "The new pipeline", schema: pipelineDto },
      ...nameTaken,
      422: { description: "Stages lack an open, won or lost stage; or a probability is wrong", codes: [STAGES_INCOMPLETE, ...probability.codes] },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const pipeline = await inCrm(crm, scope, (tx) => createPipeline(tx, scope, body), { conflict: "A pipeline or stage with that name exists" });
      created(ctx, pipeline, ctx.location(`/pipelines/${pipeline.id}`));
    },
  });

  route({
    method: "get",
    path: "/pipelines/{id}",
    summary: "A pipeline with its stages",
    tags,
    access: { permission: permissions.pipelineRead },
    request: { params: pipelineIdParams },
    responses: { 200: { description: "The pipeline", schema: pipelineDto }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getPipeline(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/pipelines/{id}",
    summary: "Rename a pipeline or make it the default",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { params: pipelineIdParams, body: updatePipelineBody },
    responses: { 200: { description: "The pipeline", schema: pipelineDto }, ...notFound, ...nameTaken },
    handler: ({ scope, params, body }) =>
      inCrm(crm, scope, (tx) => updatePipeline(tx, scope, { id: params.id, changes: body }), { conflict: "A pipeline with that name exists" }),
  });

  route({
    method: "delete",
    path: "/pipelines/{id}",
    summary: "Delete a pipeline",
    description: "Refused for the default pipeline and for a pipeline opportunities are in.",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { params: pipelineIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound, 409: { description: "It is the default, or holds opportunities", codes: [PIPELINE_IN_USE] } },
    handler: async (ctx) => {
      await inCrm(crm, ctx.scope, (tx) => deletePipeline(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });

  route({
    method: "post",
    path: "/pipelines/{id}/stages",
    summary: "Add a stage",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { params: pipelineIdParams, body: addStageBody },
    responses: { 201: { description: "The pipeline with the new stage", schema: pipelineDto }, ...notFound, ...nameTaken, 422: probability },
    handler: async (ctx) => {
      const { scope, params, body } = ctx;
      const pipeline = await inCrm(crm, scope, (tx) => addStage(tx, scope, { pipelineId: params.id, stage: body }), {
        conflict: "The pipeline has a stage with that name",
      });
      created(ctx, pipeline, ctx.location(`/pipelines/${pipeline.id}`));
    },
  });

  route({
    method: "patch",
    path: "/pipelines/{id}/stages/{stageId}",
    summary: "Rename a stage or change its probability",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { params: stageParams, body: updateStageBody },
    responses: { 200: { description: "The pipeline", schema: pipelineDto }, ...notFound, ...nameTaken, 422: probability },
    handler: ({ scope, params, body }) =>
      inCrm(crm, scope, (tx) => updateStage(tx, scope, { pipelineId: params.id, stageId: params.stageId, changes: body }), {
        conflict: "The pipeline has a stage with that name",
      }),
  });

  route({
    method: "put",
    path: "/pipelines/{id}/stage-order",
    summary: "Reorder the stages",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { params: pipelineIdParams, body: reorderStagesBody },
    responses: {
      200: { description: "The pipeline in its new order", schema: pipelineDto },
      ...notFound,
      422: { description: "stageIds is not every stage of the pipeline once", codes: [STAGE_ORDER_MISMATCH] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => reorderStages(tx, scope, { pipelineId: params.id, stageIds: body.stageIds })),
  });

  route({
    method: "delete",
    path: "/pipelines/{id}/stages/{stageId}",
    summary: "Delete a stage",
    description:
      "A stage opportunities are in is deleted only with `moveTo`: each opportunity is first moved to that stage (recorded in its stage history). " +
      "The pipeline keeps at least one open, one won and one lost stage.",
    tags,
    access: { permission: permissions.pipelineManage },
    request: { params: stageParams, query: deleteStageQuery },
    responses: {
      204: { description: "Deleted" },
      ...notFound,
      409: { description: "Opportunities are in the stage and no moveTo was given", codes: [STAGE_IN_USE] },
      422: {
        description: "It is the pipeline's last open/won/lost stage; moveTo is not another stage of the pipeline; or moveTo is a lost stage (which needs a reason per deal)",
        codes: [STAGES_INCOMPLETE, UNKNOWN_REFERENCE, LOST_REASON_REQUIRED],
      },
    },
    handler: async (ctx) => {
      const { scope, params, query } = ctx;
      await inCrm(crm, scope, (tx) => deleteStage(tx, scope, { pipelineId: params.id, stageId: params.stageId, moveTo: query.moveTo }));
      noContent(ctx);
    },
  });
}
