/** What differs between customers and suppliers: one party implementation, configured per kind. */
import {
  customerArchived,
  customerCreated,
  customerRestored,
  customerUpdated,
  supplierArchived,
  supplierCreated,
  supplierRestored,
  supplierUpdated,
} from "@erp/event-catalog";
import type { EventDefinition } from "@erp/events";
import { permissions } from "../../permissions";
import type { PartyKind } from "./party.schemas";

export interface PartyKindConfig {
  kind: PartyKind;
  /** "Customer": in messages and OpenAPI. */
  label: string;
  /** Collection path: "/customers". */
  path: string;
  codePrefix: string;
  permissions: { read: string; create: string; update: string; archive: string; restore: string; import: string; export: string };
  events: { created: EventDefinition; updated: EventDefinition; archived: EventDefinition; restored: EventDefinition };
}

export const customers: PartyKindConfig = {
  kind: "customer",
  label: "Customer",
  path: "/customers",
  codePrefix: "CUS",
  permissions: {
    read: permissions.customerRead,
    create: permissions.customerCreate,
    update: permissions.customerUpdate,
    archive: permissions.customerArchive,
    restore: permissions.customerRestore,
    import: permissions.customerImport,
    export: permissions.customerExport,
  },
  events: { created: customerCreated, updated: customerUpdated, archived: customerArchived, restored: customerRestored },
};

export const suppliers: PartyKindConfig = {
  kind: "supplier",
  label: "Supplier",
  path: "/suppliers",
  codePrefix: "SUP",
  permissions: {
    read: permissions.supplierRead,
    create: permissions.supplierCreate,
    update: permissions.supplierUpdate,
    archive: permissions.supplierArchive,
    restore: permissions.supplierRestore,
    import: permissions.supplierImport,
    export: permissions.supplierExport,
  },
  events: { created: supplierCreated, updated: supplierUpdated, archived: supplierArchived, restored: supplierRestored },
};
