-- A supplier's invoice number is the same invoice whatever its letter case: "inv-0042" and
-- "INV-0042" from one supplier are one bill entered twice. The unique index compares lower() of
-- the number (the API trims it already), as the duplicate check in code does (mode insensitive).
DROP INDEX "finance"."documents_supplier_invoice_number_key";
CREATE UNIQUE INDEX "documents_supplier_invoice_number_key" ON "finance"."documents"("organization_id", "party_id", lower("supplier_invoice_number"))
    WHERE "kind" = 'bill' AND "supplier_invoice_number" IS NOT NULL AND "status" <> 'void';
