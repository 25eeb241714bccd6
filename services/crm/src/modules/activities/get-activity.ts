/** One activity, and a page of them. */
import { notFound } from "@erp/errors";
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import type { Activity } from "../../generated/prisma/client";
import { activityRepository } from "./activity.repository";
import { toActivityDto, type ActivityDto, type ActivityListQuery } from "./activity.schemas";

/** @throws AppError 404 when the organization has no such activity */
export async function findActivity(tx: Tx, scope: Scope, id: string): Promise<Activity> {
  const row = await activityRepository(tx).find(scope.organizationId, id);
  if (!row) throw notFound("Activity");
  return row;
}

export async function getActivity(tx: Tx, scope: Scope, input: { id: string }): Promise<ActivityDto> {
  return toActivityDto(await findActivity(tx, scope, input.id));
}

export async function listActivities(tx: Tx, scope: Scope, query: ActivityListQuery): Promise<Page<ActivityDto>> {
  const window = listWindow(query);
  return keysetPage(await activityRepository(tx).list(scope.organizationId, query, window), window, toActivityDto);
}
