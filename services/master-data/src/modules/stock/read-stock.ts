/** Reading stock: on-hand levels, the movement ledger and its valuation. */
import { keysetArgs } from "@erp/db";
import { keysetPage, listWindow, notFound, type Page } from "@erp/http-kit";
import type { MasterDataDb } from "../../db";
import { Prisma } from "../../generated/prisma/client";
import { formatDecimal } from "../../money";
import {
  toMovementDto,
  type MovementDto,
  type MovementListQuery,
  type StockLevelDto,
  type StockListQuery,
} from "./stock.schemas";

export async function listStockLevels(db: MasterDataDb, organizationId: string, query: StockListQuery): Promise<Page<StockLevelDto>> {
  const window = listWindow(query);
  const { where, orderBy, take } = keysetArgs<Prisma.StockLevelWhereInput, Prisma.StockLevelOrderByWithRelationInput>(window);
  const rows = await db.withOrganization(organizationId, (tx) =>
    tx.stockLevel.findMany({
      where: {
        AND: [
          { organizationId },
          query.productId ? { productId: query.productId } : {},
          query.warehouseId ? { warehouseId: query.warehouseId } : {},
          query.q
            ? { OR: [{ product: { sku: { contains: query.q, mode: "insensitive" } } }, { product: { name: { contains: query.q, mode: "insensitive" } } }] }
            : {},
          where,
        ],
      },
      include: { product: true, warehouse: true },
      orderBy,
      take,
    }),
  );
  return keysetPage(rows, window, (row) => ({
    id: row.id,
    productId: row.productId,
    sku: row.product.sku,
    productName: row.product.name,
    warehouseId: row.warehouseId,
    warehouseCode: row.warehouse.code,
    quantity: formatDecimal(row.quantity, 3),
    averageCost: formatDecimal(row.averageCost, 4),
    value: formatDecimal(row.quantity.times(row.averageCost), 2),
    currency: row.product.currency,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function getMovement(db: MasterDataDb, organizationId: string, id: string): Promise<MovementDto> {
  const row = await db.withOrganization(organizationId, (tx) => tx.stockMovement.findFirst({ where: { organizationId, id } }));
  if (!row) throw notFound("Stock movement");
  return toMovementDto(row);
}

export async function listMovements(db: MasterDataDb, organizationId: string, query: MovementListQuery): Promise<Page<MovementDto>> {
  const window = listWindow(query);
  const { where, orderBy, take } = keysetArgs<Prisma.StockMovementWhereInput, Prisma.StockMovementOrderByWithRelationInput>(window);
  const rows = await db.withOrganization(organizationId, (tx) =>
    tx.stockMovement.findMany({
      where: {
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
          where,
        ],
      },
      orderBy,
      take,
    }),
  );
  return keysetPage(rows, window, toMovementDto);
}

/** Σ quantity × average cost over the on-hand rows, per currency (products carry their currency). */
export async function stockValuation(
  db: MasterDataDb,
  organizationId: string,
  filters: { warehouseId?: string; productId?: string },
): Promise<{ totals: { currency: string; value: string }[] }> {
  const totals = await db.withOrganization(organizationId, (tx) => tx.$queryRaw<{ currency: string; value: string }[]>`
    SELECT p.currency, ROUND(SUM(l.quantity * l.average_cost), 2)::text AS value
    FROM stock_levels l
    JOIN products p ON p.organization_id = l.organization_id AND p.id = l.product_id
    WHERE l.organization_id = ${organizationId}::uuid
      ${filters.warehouseId ? Prisma.sql`AND l.warehouse_id = ${filters.warehouseId}::uuid` : Prisma.empty}
      ${filters.productId ? Prisma.sql`AND l.product_id = ${filters.productId}::uuid` : Prisma.empty}
    GROUP BY p.currency
    ORDER BY p.currency`);
  return { totals };
}
