/** Both sides of the drift check are reduced to this shape, then compared. */
export interface ColumnShape {
  type: string;
  nullable: boolean;
}

export interface ForeignKeyShape {
  columns: string[];
  /** `schema.table` */
  references: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  columns: Map<string, ColumnShape>;
  primaryKey: string[];
  uniques: string[][];
  indexes: string[][];
  /**
   * Partial indexes (WHERE …) a migration wrote by hand: schema.prisma can only declare them as
   * plain indexes on the same columns, so they satisfy such a declaration but are never extra.
   */
  partialUniques: string[][];
  partialIndexes: string[][];
  foreignKeys: ForeignKeyShape[];
}

export interface SchemaShape {
  /** keyed by table name */
  tables: Map<string, TableShape>;
  /** enum type name → values in order */
  enums: Map<string, string[]>;
}

export function emptyTable(): TableShape {
  return { columns: new Map(), primaryKey: [], uniques: [], indexes: [], partialUniques: [], partialIndexes: [], foreignKeys: [] };
}
