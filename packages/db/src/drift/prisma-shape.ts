import { expectedColumnType } from "./column-types";
import type { Datamodel, DmmfModel } from "./prisma-datamodel";
import { emptyTable, type SchemaShape } from "./table-shape";

export interface ExpectedShape extends SchemaShape {
  /** table name → model name, for messages */
  modelOf: Map<string, string>;
  /** `table.column` whose type this check cannot derive, so it is not compared */
  unknownTypes: string[];
}

const tableName = (model: DmmfModel) => model.dbName ?? model.name;

/** What the models of one Postgres schema should look like in the database. */
export function expectedShape(datamodel: Datamodel, schema: string, defaultSchema: string): ExpectedShape {
  const models = datamodel.models.filter((model) => (model.schema ?? defaultSchema) === schema);
  const modelsByName = new Map(datamodel.models.map((model) => [model.name, model]));
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((candidate) => candidate.name === field);
    return f?.dbName ?? field;
  };

  const shape: ExpectedShape = { tables: new Map(), enums: new Map(), modelOf: new Map(), unknownTypes: [] };
  for (const model of models) {
    const table = emptyTable();
    shape.tables.set(tableName(model), table);
    shape.modelOf.set(tableName(model), model.name);

    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) {
          const target = modelsByName.get(field.type);
          if (!target) continue;
          const required = field.relationFromFields.some((name) => model.fields.find((f) => f.name === name)?.isRequired);
          table.foreignKeys.push({
            columns: field.relationFromFields.map((name) => columnOf(model, name)),
            references: `${target.schema ?? defaultSchema}.${tableName(target)}`,
            referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(target, name)),
            // Prisma's defaults when schema.prisma names no action
            onDelete: field.relationOnDelete ?? (required ? "Restrict" : "SetNull"),
            onUpdate: field.relationOnUpdate ?? "Cascade",
          });
        }
        continue;
      }
      const column = field.dbName ?? field.name;
      const type = expectedColumnType(field, enumDbNames);
      if (type === undefined) shape.unknownTypes.push(`${tableName(model)}.${column}`);
      // Prisma creates scalar-list columns nullable whatever the field says.
      table.columns.set(column, { type: type ?? "", nullable: field.isList || !field.isRequired });
    }

    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnOf(model, f.name));
      if (index.type === "id") table.primaryKey = columns;
      else if (index.type === "unique") table.uniques.push(columns);
      else table.indexes.push(columns);
    }
  }

  const usedEnums = new Set(models.flatMap((m) => m.fields.filter((f) => f.kind === "enum").map((f) => f.type)));
  for (const e of datamodel.enums.filter((candidate) => usedEnums.has(candidate.name))) {
    shape.enums.set(e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name));
  }
  return shape;
}
