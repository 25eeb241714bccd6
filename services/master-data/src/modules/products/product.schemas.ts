/** Request and response schemas of products and services. */
import { listQuery, z } from "@erp/http-kit";
import type { Product } from "../../generated/prisma/client";
import { amount, currencyCode, decimalString, formatDecimal, unitCost } from "@erp/money";

const productTypes = ["stock_item", "non_stock", "service"] as const;

const fields = {
  sku: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, "Letters, digits and . _ / -, at most 64 characters"),
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).nullable().optional(),
  type: z.enum(productTypes),
  categoryId: z.uuid().nullable().optional(),
  unitOfMeasure: z.string().trim().min(1).max(20),
  salePrice: amount().nullable().optional(),
  purchaseCost: unitCost().nullable().optional(),
  currency: currencyCode,
  taxRate: decimalString(2, "nonNegative", "19.00")
    .refine((rate) => Number.parseFloat(rate) <= 100, "At most 100")
    .nullable()
    .optional()
    .describe("Percent"),
  barcode: z.string().trim().min(1).max(64).nullable().optional(),
  reorderLevel: decimalString(3, "nonNegative", "10").nullable().optional().describe("On-hand below this (per warehouse) raises inventory.stock.below_reorder_level"),
};

export const createProductBody = z
  .object({
    ...fields,
    type: fields.type.default("stock_item"),
    unitOfMeasure: fields.unitOfMeasure.default("unit"),
    currency: fields.currency.optional().describe("ISO 4217; defaults to the organization's base currency"),
  })
  .strict()
  .openapi({
    example: { sku: "SCR-4X40", name: "Wood screw 4 x 40 mm", type: "stock_item", unitOfMeasure: "box", salePrice: "7.90", purchaseCost: "3.2500", currency: "EUR", taxRate: "19.00", reorderLevel: "20" },
  });
export const updateProductBody = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, "Give at least one field to change")
  .openapi({ example: { name: "Wood screw 4 x 40 mm, zinc-plated", salePrice: "8.40" } });

export type CreateProductInput = z.infer<typeof createProductBody>;
export type UpdateProductInput = z.infer<typeof updateProductBody>;

export const productDto = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.enum(productTypes),
  categoryId: z.uuid().nullable(),
  unitOfMeasure: z.string(),
  salePrice: z.string().nullable(),
  purchaseCost: z.string().nullable(),
  currency: z.string(),
  taxRate: z.string().nullable(),
  barcode: z.string().nullable(),
  reorderLevel: z.string().nullable(),
  status: z.enum(["active", "archived"]),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductDto = z.infer<typeof productDto>;

export const productListQuery = listQuery({
  sortable: ["sku", "name", "createdAt", "updatedAt"],
  defaultSort: "sku",
  filters: {
    status: z.enum(["active", "archived"]).optional(),
    type: z.enum(productTypes).optional(),
    categoryId: z.uuid().optional().describe("Products of this category and, unless includeDescendants=false, of its subcategories"),
    includeDescendants: z
      .enum(["true", "false"])
      .default("true")
      .transform((value) => value === "true")
      .describe("With categoryId: false limits the filter to the category itself"),
  },
});
export type ProductListQuery = z.infer<typeof productListQuery>;
/** The list's filters, the category one resolved to the categories it covers. */
export type ProductFilters = Pick<ProductListQuery, "status" | "type" | "q"> & { categoryIds?: string[] };

export const productExportQuery = productListQuery.pick({ status: true, type: true, categoryId: true, includeDescendants: true, q: true, sort: true });
export const productIdParams = z.object({ id: z.uuid() });

export const updatableProductFields = Object.keys(fields) as (keyof typeof fields)[];

export function toProductDto(product: Product): ProductDto {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    type: product.type,
    categoryId: product.categoryId,
    unitOfMeasure: product.unitOfMeasure,
    salePrice: formatDecimal(product.salePrice, 2),
    purchaseCost: formatDecimal(product.purchaseCost, 4),
    currency: product.currency,
    taxRate: formatDecimal(product.taxRate, 2),
    barcode: product.barcode,
    reorderLevel: formatDecimal(product.reorderLevel, 3),
    status: product.status,
    archivedAt: product.archivedAt?.toISOString() ?? null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export function productSnapshot(dto: ProductDto) {
  const { id: _id, archivedAt: _archivedAt, createdAt: _createdAt, updatedAt: _updatedAt, ...snapshot } = dto;
  return snapshot;
}
