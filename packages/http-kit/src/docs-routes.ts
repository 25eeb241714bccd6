/** Serves the OpenAPI document and Swagger UI at the root and under basePath (for the gateway). */
import type { Express, RequestHandler } from "express";
import swaggerUi from "swagger-ui-express";
import type { OpenApiDocument } from "./openapi-document";

export function mountDocs(app: Express, basePath: string, openApi: OpenApiDocument): void {
  app.get(["/openapi.json", `${basePath}/openapi.json`], (_req, res) => {
    res.json(openApi.document());
  });

  // Relative, so the page finds the document next to it whether it is served at /docs/ or at
  // <basePath>/docs/ behind the gateway.
  const options = { swaggerUrl: "../openapi.json" };
  for (const mount of ["/docs", `${basePath}/docs`]) {
    // serveFiles keeps its own init script; `serve` shares one per process, which two mounts
    // (or two apps in one test run) would overwrite.
    app.use(mount, withTrailingSlash, ...swaggerUi.serveFiles(undefined, options), swaggerUi.setup(undefined, options));
  }
}

/** The UI's assets are relative links, which only resolve under `/docs/`. */
const withTrailingSlash: RequestHandler = (req, res, next) => {
  const [path, query] = req.originalUrl.split("?");
  if (path && !path.endsWith("/") && req.path === "/") {
    res.redirect(301, `${path}/${query === undefined ? "" : `?${query}`}`);
    return;
  }
  next();
};
