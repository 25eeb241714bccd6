/** Every query of the stock module: levels (locked for movements), the ledger, and its reads. */
import { escapeLikePattern, keysetFindMany, uuidv7 } from "@erp/db";
import type { ListWindow } from "@erp/lists";
import type { OrganizationId } from "@erp/scope";
import type { Tx } from "../../db";
import { Prisma, type StockMovementType } from "../../generated/prisma/client";
import { Decimal } from "@erp/money";
import type { LevelBalance } from "./stock-calculation";
import type { MovementListQuery, StockListQuery } from "./stock.schemas";

export interface LevelKey {
  productId: string;
  warehouseId: string;
}

/** A level row locked for the rest of the transaction. */
export interface LockedLevel extends LevelKey, LevelBalance {
  id: string;
}

/** A movement as written: the row's own columns (the organization is the repository's). */
export interface NewMovement extends LevelKey {
  type: StockMovementType;
  quantity: Decimal;
  unitCost: Decimal;
  value: Decimal;
  revaluation: Decimal;
  quantityAfter: Decimal;
  averageCostAfter: Decimal;
  valueAfter: Decimal;
  transferId: string | null;
  reason: string | null;
  referenceType: string | null;
  referenceId: string | null;
  createdBy: string;
}

/** What a movement needs to know of its product. */
export interface StockTarget {
  type: string;
  currency: string;
  reorderLevel: Decimal | null;
}

const keyOf = (key: LevelKey) => `${key.productId}/${key.warehouseId}`;
const normalized = (key: LevelKey): LevelKey => ({ productId: key.productId.toLowerCase(), warehouseId: key.warehouseId.toLowerCase() });

export function stockRepository(tx: Tx) {
  return {
    /**
     * The product's type, currency and reorder level; null when it is not the organization's. The
     * row is share-locked until the transaction ends: a change of the product's currency (which
     * locks it for update and refuses when there is stock) cannot slip between this read and the
     * movement's write.
     */
    findTarget: async (organizationId: OrganizationId, productId: string): Promise<StockTarget | null> => {
      await tx.$executeRaw`SELECT 1 FROM products WHERE organization_id = ${organizationId}::uuid AND id = ${productId}::uuid FOR SHARE`;
      return tx.product.findFirst({ where: { organizationId, id: productId }, select: { type: true, currency: true, reorderLevel: true } });
    },

    warehouseExists: async (organizationId: OrganizationId, id: string) => (await tx.warehouse.count({ where: { organizationId, id } })) > 0,

    /**
     * Creates missing levels and locks them (FOR UPDATE) until the transaction ends, always in
     * (product, warehouse) id order: two transfers between the same warehouses in opposite
     * directions lock in the same order and so never deadlock. Keyed by `levelKey`.
     */
    lockLevels: async (organizationId: OrganizationId, keys: LevelKey[]): Promise<Map<string, LockedLevel>> => {
      const sorted = [...new Map(keys.map(normalized).map((k) => [keyOf(k), k])).values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
      const levels = new Map<string, LockedLevel>();
      for (const key of sorted) {
        await tx.$executeRaw`
          INSERT INTO stock_levels (id, organization_id, product_id, warehouse_id, quantity, value, average_cost, updated_at)
          VALUES (${uuidv7()}::uuid, ${organizationId}::uuid, ${key.productId}::uuid, ${key.warehouseId}::uuid, 0, 0, 0, now())
          ON CONFLICT (organization_id, product_id, warehouse_id) DO NOTHING`;
        const [row] = await tx.$queryRaw<{ id: string; quantity: string; value: string; average_cost: string }[]>`
          SELECT id::text AS id, quantity::text AS quantity, value::text AS value, average_cost::text AS average_cost FROM stock_levels
          WHERE organization_id = ${organizationId}::uuid AND product_id = ${key.productId}::uuid AND warehouse_id = ${key.warehouseId}::uuid
          FOR UPDATE`;
        if (!row) throw new Error(`stock level ${keyOf(key)} vanished while locking`);
        levels.set(keyOf(key), {
          ...key,
          id: row.id,
          quantity: new Decimal(row.quantity),
          value: new Decimal(row.value),
          averageCost: new Decimal(row.average_cost),
        });
      }
      return levels;
    },

    /** Writes a locked level's new balance. */
    saveLevel: (organizationId: OrganizationId, id: string, balance: LevelBalance) =>
      tx.stockLevel.update({ where: { id, organizationId }, data: { quantity: balance.quantity, value: balance.value, averageCost: balance.averageCost } }),

    /** Appends one movement to the ledger. */
    appendMovement: (organizationId: OrganizationId, movement: NewMovement) => tx.stockMovement.create({ data: { id: uuidv7(), organizationId, ...movement } }),

    /** One movement with its product's currency; null when it is not the organization's. */
    findMovement: (organizationId: OrganizationId, id: string) =>
      tx.stockMovement.findFirst({ where: { organizationId, id }, include: { product: { select: { currency: true } } } }),

    /** A keyset page (limit + 1 rows) of matching movements; `rows.total` too when the window asks (`count=true`). */
    listMovements: (organizationId: OrganizationId, query: MovementListQuery, window: ListWindow) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.StockMovementFindManyArgs) => tx.stockMovement.findMany({ ...args, include: { product: { select: { currency: true } } } }),
          count: (args: Prisma.StockMovementCountArgs) => tx.stockMovement.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            query.productId ? { productId: query.productId } : {},
            query.warehouseId ? { warehouseId: query.warehouseId } : {},
            query.type ? { type: query.type } : {},
            query.transferId ? { transferId: query.transferId } : {},
            query.referenceType ? { referenceType: query.referenceType } : {},
            query.referenceId ? { referenceId: query.referenceId } : {},
            query.from ? { createdAt: { gte: query.from } } : {},
            query.to ? { createdAt: { lt: query.to } } : {},
          ],
        },
      ),

    /** A keyset page (limit + 1 rows) of matching levels; `rows.total` too when the window asks (`count=true`). */
    listLevels: (organizationId: OrganizationId, query: StockListQuery, window: ListWindow) =>
      keysetFindMany(
        {
          findMany: (args: Prisma.StockLevelFindManyArgs) => tx.stockLevel.findMany({ ...args, include: { product: true, warehouse: true } }),
          count: (args: Prisma.StockLevelCountArgs) => tx.stockLevel.count(args),
        },
        window,
        {
          AND: [
            { organizationId },
            query.productId ? { productId: query.productId } : {},
            query.warehouseId ? { warehouseId: query.warehouseId } : {},
            query.q
              ? { OR: [{ product: { sku: { contains: escapeLikePattern(query.q), mode: "insensitive" } } }, { product: { name: { contains: escapeLikePattern(query.q), mode: "insensitive" } } }] }
              : {},
          ],
        },
      ),

    /** Σ of the levels' values per currency (products carry their currency), exact. */
    valuation: async (organizationId: OrganizationId, filters: { warehouseId?: string; productId?: string }) =>
      (
        await tx.$queryRaw<{ currency: string; value: string }[]>`
          SELECT p.currency, SUM(l.value)::text AS value
          FROM stock_levels l
          JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id
          WHERE l.organization_id = ${organizationId}::uuid
            ${filters.warehouseId ? Prisma.sql`AND l.warehouse_id = ${filters.warehouseId}::uuid` : Prisma.empty}
            ${filters.productId ? Prisma.sql`AND l.product_id = ${filters.productId}::uuid` : Prisma.empty}
          GROUP BY p.currency
          ORDER BY p.currency`
      ).map((row) => ({ currency: row.currency, value: new Decimal(row.value) })),
  };
}

/** The key `lockLevels` files a level under. */
export function levelKey(key: LevelKey): string {
  return keyOf(normalized(key));
}
