/** The CRM's reports: pipeline by stage, weighted forecast, win rate, time in stage. */
import type { ServiceApp } from "@erp/http-kit";
import { permissions } from "../../permissions";
import { inCrm, type Crm } from "../setup/crm-setup";
import { forecastReport } from "./forecast-report";
import { pipelineReport } from "./pipeline-report";
import {
  forecastDto,
  forecastQuery,
  pipelineReportDto,
  pipelineReportQuery,
  stageTimeDto,
  stageTimeQuery,
  winRateDto,
  winRateQuery,
} from "./report.schemas";
import { stageTimeReport } from "./stage-time-report";
import { winRateReport } from "./win-rate-report";

const tags = ["Reports"];
const access = { permission: permissions.reportRead };

/** How both money reports convert (base-currency.ts). */
const CONVERSION =
  "Amounts in another currency are converted to the base currency at its latest exchange rate effective today (`ratesAsOf`, UTC), " +
  "from finance's rates as the CRM keeps them from finance's events (no request to finance): the exact sum of amount × rate, rounded " +
  "once to the base currency's minor units. `currencyMode` says which: `base` when every currency was converted, `mixed` when the " +
  "currencies in `unconvertedCurrencies` have no rate (they are in the per-currency figures only, not in the base figures). While the " +
  "CRM does not know the base currency (`baseCurrency` null) nothing is converted: `single` or `per_currency`, each currency on its own. " +
  "Per-currency amounts are exact sums rounded once to 2 places.";

export function registerReportRoutes(route: ServiceApp["route"], crm: Crm): void {
  route({
    method: "get",
    path: "/reports/pipeline",
    summary: "Pipeline by stage",
    description:
      "Per stage: count, total amount and weighted amount (probability × amount), per currency and in the organization's base currency. " +
      CONVERSION,
    tags,
    access,
    request: { query: pipelineReportQuery },
    responses: { 200: { description: "The report", schema: pipelineReportDto }, 404: { description: "No such pipeline (NOT_FOUND)" } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => pipelineReport(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/reports/forecast",
    summary: "Weighted forecast by expected close month and owner",
    description:
      "Open opportunities expected to close from `from` to `to` (inclusive), weighted by their stage's probability, per currency and in the " +
      `organization's base currency (\`baseRows\`, \`baseTotals\`). ${CONVERSION}`,
    tags,
    access,
    request: { query: forecastQuery },
    responses: { 200: { description: "The forecast", schema: forecastDto } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => forecastReport(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/reports/win-rate",
    summary: "Win rate",
    description: "Opportunities closed (won or lost) in the range; win rate = won / (won + lost), overall and per owner.",
    tags,
    access,
    request: { query: winRateQuery },
    responses: { 200: { description: "The win rate", schema: winRateDto } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => winRateReport(tx, scope, query)),
  });

  route({
    method: "get",
    path: "/reports/stage-time",
    summary: "Average time in stage",
    description: "From the stage history: per stage, the average time opportunities spent in it before moving on (stays still going are not counted).",
    tags,
    access,
    request: { query: stageTimeQuery },
    responses: { 200: { description: "The report", schema: stageTimeDto }, 404: { description: "No such pipeline (NOT_FOUND)" } },
    handler: ({ scope, query }) => inCrm(crm, scope, (tx) => stageTimeReport(tx, scope, query)),
  });
}
