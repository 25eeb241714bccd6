/** `/docs`: one Swagger UI whose dropdown holds every service's OpenAPI document, fetched through the gateway. */
import { Router, type RequestHandler } from "express";
import swaggerUi from "swagger-ui-express";
import { API_PREFIX, type Upstream } from "./upstreams";

/**
 * The page, its init script and the Swagger UI assets. Any other path under `/docs` leaves the
 * router, so it gets the gateway's JSON 404 (swagger-ui-express alone would answer the page for
 * every path, and a plain-text 404 for `package.json`).
 */
export function docsRouter(upstreams: Iterable<Upstream>): Router {
  const urls = [...upstreams].map((u) => ({ name: u.segment, url: `${API_PREFIX}${u.segment}/openapi.json` }));
  const options = { explorer: true, customSiteTitle: "ERP API", swaggerOptions: { urls } };
  // serveFiles (not serve) keeps this UI's settings apart from any other Swagger UI in the process.
  const [initScript, assets] = swaggerUi.serveFiles(undefined, options) as RequestHandler[];
  const router = Router();
  router.get("/", withTrailingSlash, swaggerUi.setup(undefined, options));
  router.get("/swagger-ui-init.js", initScript!);
  router.use((req, _res, next) => next(req.path.endsWith("/package.json") ? "router" : undefined));
  router.use(assets!);
  return router;
}

/** The page loads its assets by relative URL, which resolve under `/docs/` only. */
const withTrailingSlash: RequestHandler = (req, res, next) => {
  const [path = "", query] = req.originalUrl.split("?", 2);
  if (path.endsWith("/")) return next();
  res.redirect(301, `${path}/${query === undefined ? "" : `?${query}`}`);
};
