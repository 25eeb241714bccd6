/** The finance events the tenant service keeps organizations' state from: the books being opened locks the base currency. */
import { ledgerOpened } from "@erp/event-catalog";
import { eventHandler } from "@erp/events";
import type { Tx } from "../db";
import { internalScope } from "../events";
import { recordBooksOpened } from "../modules/organizations/record-books-opened";

export const financeLedgerOpened = eventHandler(ledgerOpened, async (event, tx: Tx) => {
  await recordBooksOpened(tx, internalScope(event.organizationId), { baseCurrency: event.data.baseCurrency, openedAt: new Date(event.data.openedAt) });
});
