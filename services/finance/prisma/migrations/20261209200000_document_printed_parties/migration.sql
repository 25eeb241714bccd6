-- Who an issued document was first printed as coming from and going to:
-- {organization: {name, addressLines, taxId}, customer: {name, addressLines, taxId}}. Kept so that
-- printing it again shows the issuer and the customer as they were, not as the organization's
-- settings or the customer's record say today (an invoice is a legal document). Null for a draft (a
-- pro-forma prints today's) and for a document not printed since it was issued.
ALTER TABLE "finance"."documents" ADD COLUMN "printed_parties" JSONB;
