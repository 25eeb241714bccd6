/** `/docs`: one Swagger UI whose dropdown holds every service's OpenAPI document, fetched through the gateway. */
import { Router } from "express";
import swaggerUi from "swagger-ui-express";
import { API_PREFIX, type Upstream } from "./upstreams";

export function docsRouter(upstreams: Iterable<Upstream>): Router {
  const urls = [...upstreams].map((u) => ({ name: u.segment, url: `${API_PREFIX}${u.segment}/openapi.json` }));
  const options = { explorer: true, customSiteTitle: "ERP API", swaggerOptions: { urls } };
  const router = Router();
  // serveFiles (not serve) keeps this UI's settings apart from any other Swagger UI in the process.
  router.use(swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
  return router;
}
