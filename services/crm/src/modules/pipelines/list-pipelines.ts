/** A page of the organization's pipelines, each with its stages. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { pipelineRepository } from "./pipeline.repository";
import { toPipelineDto, type PipelineDto, type PipelineListQuery } from "./pipeline.schemas";

export async function listPipelines(tx: Tx, scope: Scope, query: PipelineListQuery): Promise<Page<PipelineDto>> {
  const window = listWindow(query);
  return keysetPage(await pipelineRepository(tx).list(scope.organizationId, window), window, toPipelineDto);
}
