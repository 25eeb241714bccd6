/** Activities: notes, calls, meetings and emails logged on records, and tasks (due time, assignee, done). */
import { created, noContent, pageSchema, type ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { UNKNOWN_REFERENCE } from "../../references";
import { inCrm, type Crm } from "../setup/crm-setup";
import { NOT_A_TASK } from "./activity.errors";
import { activityDto, activityIdParams, activityListQuery, createActivityBody, updateActivityBody } from "./activity.schemas";
import { createActivity } from "./create-activity";
import { getActivity, listActivities } from "./get-activity";
import { deleteActivity, setTaskDone, updateActivity } from "./update-activity";
import { directoryUnavailable } from "../members/member.errors";

const tags = ["Activities"];
const notFound = { 404: { description: "No such activity, or another organization's (NOT_FOUND)" } };

export function registerActivityRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/activities",
    summary: "List activities and tasks",
    description: "Filters: type, assigneeId, done, dueBefore, companyId, contactId, leadId, opportunityId; q searches subject and body.",
    tags,
    access: { permission: permissions.activityRead },
    request: { query: activityListQuery },
    responses: { 200: { description: "A page of activities", schema: pageSchema(activityDto) } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => listActivities(tx, scope, query)),
  });

  route({
    method: "post",
    path: "/activities",
    summary: "Log an activity or create a task",
    description: "Attached to one or more records (company, contact, lead, opportunity). A task with a due time publishes crm.task.due once when it falls due, unless done first.",
    tags,
    access: { permission: permissions.activityCreate },
    request: { body: createActivityBody },
    responses: {
      ...directoryUnavailable,
      201: { description: "The new activity", schema: activityDto },
      422: { description: "A record it is attached to does not exist in the organization", codes: [UNKNOWN_REFERENCE] },
    },
    handler: async (ctx) => {
      const { scope, body } = ctx;
      const activity = await inCrm(crm, scope, (tx) => createActivity(tx, scope, body), { assigns: [body.assigneeId] });
      created(ctx, activity, ctx.location(`/activities/${activity.id}`));
    },
  });

  route({
    method: "get",
    path: "/activities/{id}",
    summary: "An activity",
    tags,
    access: { permission: permissions.activityRead },
    request: { params: activityIdParams },
    responses: { 200: { description: "The activity", schema: activityDto }, ...notFound },
    handler: ({ scope, params }) => inCrm(crm, scope, (tx) => getActivity(tx, scope, params)),
  });

  route({
    method: "patch",
    path: "/activities/{id}",
    summary: "Change an activity",
    description: "A task whose due time changes is announced (crm.task.due) again when the new time comes.",
    tags,
    access: { permission: permissions.activityUpdate },
    request: { params: activityIdParams, body: updateActivityBody },
    responses: {
      ...directoryUnavailable,
      200: { description: "The activity", schema: activityDto },
      ...notFound,
      422: { description: "A due time or assignee for an activity that is not a task", codes: [NOT_A_TASK] },
    },
    handler: ({ scope, params, body }) => inCrm(crm, scope, (tx) => updateActivity(tx, scope, { id: params.id, changes: body }), { assigns: [body.assigneeId] }),
  });

  for (const [action, done] of [["complete", true], ["reopen", false]] as const) {
    route({
      method: "post",
      path: `/activities/{id}/${action}`,
      summary: done ? "Mark a task done" : "Reopen a done task",
      tags,
      access: { permission: permissions.activityUpdate },
      request: { params: activityIdParams },
      responses: {
        200: { description: "The task", schema: activityDto },
        ...notFound,
        409: { description: `The task is ${done ? "done" : "open"} already`, codes: ["INVALID_STATE"] },
        422: { description: "The activity is not a task", codes: [NOT_A_TASK] },
      },
      handler: ({ scope, params }) => inCrm(crm, scope, (tx) => setTaskDone(tx, scope, { id: params.id, done })),
    });
  }

  route({
    method: "delete",
    path: "/activities/{id}",
    summary: "Delete an activity",
    tags,
    access: { permission: permissions.activityDelete },
    request: { params: activityIdParams },
    responses: { 204: { description: "Deleted" }, ...notFound },
    handler: async (ctx) => {
      await inCrm(crm, ctx.scope, (tx) => deleteActivity(tx, ctx.scope, ctx.params));
      noContent(ctx);
    },
  });
}
