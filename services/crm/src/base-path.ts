/** The CRM's public prefix, as the gateway forwards it (also the descriptor's basePath). */
export const BASE_PATH = "/api/v1/crm";
