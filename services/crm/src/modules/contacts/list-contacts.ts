/** A page of the organization's contacts, filtered, searched and sorted. */
import { keysetPage, listWindow, type Page } from "@erp/lists";
import type { Scope } from "@erp/scope";
import type { Tx } from "../../db";
import { contactRepository } from "./contact.repository";
import { toContactDto, type ContactDto, type ContactListQuery } from "./contact.schemas";

export async function listContacts(tx: Tx, scope: Scope, query: ContactListQuery): Promise<Page<ContactDto>> {
  const window = listWindow(query);
  return keysetPage(await contactRepository(tx).list(scope.organizationId, query, window), window, toContactDto);
}
