/**
 * Events of the master-data service: customers, suppliers, products, categories and warehouses
 * (topic erp.master_data) and stock (topic erp.inventory). Amounts and quantities are decimal
 * strings, never JSON numbers.
 */
import { z } from "zod";
import { defineEvent } from "@erp/events";

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const address = z
  .object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().length(2),
  })
  .nullable();

/** Customers and suppliers are both parties; only customers have a credit limit. */
const partySnapshot = z.object({
  code: z.string(),
  legalName: z.string(),
  displayName: z.string(),
  type: z.enum(["company", "individual"]),
  taxId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  billingAddress: address,
  shippingAddress: address,
  paymentTermsDays: z.number().int(),
  currency: z.string().length(3),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  status: z.enum(["active", "archived"]),
});
const customerSnapshot = partySnapshot.extend({ creditLimit: decimal.nullable() });
const changed = { changedFields: z.array(z.string()).min(1) };
const archived = z.object({ code: z.string(), status: z.literal("archived") });
/** An archived record made active (editable) again. */
const restored = z.object({ code: z.string(), status: z.literal("active") });

/**
 * `sourceReference`: the idempotency key of the event that made the customer, when one did
 * (`crm.company:<id>` or `crm.lead:<id>` for a CRM lead conversion), so its creator can link the customer back.
 */
export const customerCreated = defineEvent(
  "master_data.customer.created",
  1,
  customerSnapshot.extend({ sourceReference: z.string().nullable().optional() }),
);
export const customerUpdated = defineEvent("master_data.customer.updated", 1, customerSnapshot.extend(changed));
export const customerArchived = defineEvent("master_data.customer.archived", 1, archived);
export const customerRestored = defineEvent("master_data.customer.restored", 1, restored);

export const supplierCreated = defineEvent("master_data.supplier.created", 1, partySnapshot);
export const supplierUpdated = defineEvent("master_data.supplier.updated", 1, partySnapshot.extend(changed));
export const supplierArchived = defineEvent("master_data.supplier.archived", 1, archived);
export const supplierRestored = defineEvent("master_data.supplier.restored", 1, restored);

const productSnapshot = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.enum(["stock_item", "non_stock", "service"]),
  categoryId: z.string().uuid().nullable(),
  unitOfMeasure: z.string(),
  salePrice: decimal.nullable(),
  purchaseCost: decimal.nullable(),
  currency: z.string().length(3),
  taxRate: decimal.nullable(),
  barcode: z.string().nullable(),
  reorderLevel: decimal.nullable(),
  status: z.enum(["active", "archived"]),
});

export const productCreated = defineEvent("master_data.product.created", 1, productSnapshot);
export const productUpdated = defineEvent("master_data.product.updated", 1, productSnapshot.extend(changed));
export const productArchived = defineEvent("master_data.product.archived", 1, z.object({ sku: z.string(), status: z.literal("archived") }));
export const productRestored = defineEvent("master_data.product.restored", 1, z.object({ sku: z.string(), status: z.literal("active") }));

/**
 * A product category: its place in the tree is `parentId` (consumers rebuild paths from it; a
 * rename changes the path of every descendant without an event of theirs).
 */
const categorySnapshot = z.object({ name: z.string(), parentId: z.string().uuid().nullable() });

export const categoryCreated = defineEvent("master_data.category.created", 1, categorySnapshot);
export const categoryUpdated = defineEvent("master_data.category.updated", 1, categorySnapshot.extend(changed));
export const categoryDeleted = defineEvent("master_data.category.deleted", 1, categorySnapshot);

/** `isDefault`: where stock movements go when they name no warehouse; choosing another default updates both. */
const warehouseSnapshot = z.object({ code: z.string(), name: z.string(), address, isDefault: z.boolean() });

export const warehouseCreated = defineEvent("master_data.warehouse.created", 1, warehouseSnapshot);
export const warehouseUpdated = defineEvent("master_data.warehouse.updated", 1, warehouseSnapshot.extend(changed));
export const warehouseDeleted = defineEvent("master_data.warehouse.deleted", 1, z.object({ code: z.string(), name: z.string() }));

/**
 * One ledger row: a transfer is two of these with the same `transferId`. `quantity` and `value`
 * are signed; `value` (in `currency`, at its minor unit) is what the movement added to or took
 * from the stock value, and `valueOnHand` the warehouse's stock value after it: book these, not
 * quantity × averageCost, which is rounded. `revaluation` (signed, same unit) is not 0 only for an
 * addition clearing negative stock: the goods issued short are revalued from the rate they left at
 * to the incoming cost, and `value + revaluation` is what the goods moved cost. Absent ("0") in
 * events written before it existed.
 */
export const stockMoved = defineEvent(
  "inventory.stock.moved",
  1,
  z.object({
    movementId: z.string().uuid(),
    productId: z.string().uuid(),
    warehouseId: z.string().uuid(),
    type: z.enum(["receipt", "issue", "transfer_out", "transfer_in", "adjustment"]),
    quantity: decimal,
    unitCost: decimal,
    quantityOnHand: decimal,
    averageCost: decimal,
    value: decimal,
    revaluation: decimal.default("0"),
    valueOnHand: decimal,
    currency: z.string().length(3),
    transferId: z.string().uuid().nullable(),
    reason: z.string().nullable(),
    reference: z.object({ type: z.string(), id: z.string() }).nullable(),
  }),
);

/** On-hand in one warehouse crossed from at or above the product's reorder level to below it. */
export const stockBelowReorderLevel = defineEvent(
  "inventory.stock.below_reorder_level",
  1,
  z.object({ productId: z.string().uuid(), warehouseId: z.string().uuid(), quantityOnHand: decimal, reorderLevel: decimal }),
);
