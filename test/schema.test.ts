// The migrations must build exactly the database that prisma/schema.prisma
// describes: this applies them all to an empty database and compares the
// catalog with the schema's DMMF (from @prisma/internals' getDMMF, the same
// wasm parser the Prisma CLI uses).
import { readFileSync } from "node:fs";
import path from "node:path";
import internals from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/migrate";
import { createScratchDatabase, sql, type ScratchDatabase } from "@/test/db";

const schemaPath = path.join(__dirname, "..", "prisma", "schema.prisma");
const schemaSource = readFileSync(schemaPath, "utf8");
const { datamodel } = await internals.getDMMF({ datamodel: schemaSource });

/** Fields of type `Unsupported("…")` (a tsvector), which the DMMF leaves out of a model's fields: model → names. */
const unsupportedFields = new Map(
  [...schemaSource.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(
    (m) => [m[1], [...m[2].matchAll(/^\s+(\w+)\s+Unsupported\(/gm)].map((f) => f[1])] as const,
  ),
);

type Model = (typeof datamodel.models)[number];
type Field = Model["fields"][number];

type Column = {
  table: string;
  column: string;
  is_nullable: "YES" | "NO";
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
  datetime_precision: number | null;
  column_default: string | null;
};
type Index = { name: string; table: string; columns: string[]; unique: boolean; primary: boolean };
type Constraint = {
  name: string;
  table: string;
  type: "p" | "u" | "f" | "c" | "x" | "t";
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
};
type Catalog = { columns: Column[]; indexes: Index[]; constraints: Constraint[]; enums: Map<string, string[]> };

let database: ScratchDatabase;
let catalog: Catalog;

beforeAll(async () => {
  database = await createScratchDatabase();
  await applyMigrations({ connectionString: database.url });
  catalog = await readCatalog(database.url);
});

afterAll(() => database?.drop());

const tableOf = (model: Model) => model.dbName ?? model.name;
const modelNamed = (name: string) => datamodel.models.find((m) => m.name === name)!;
const columnOf = (model: Model, fieldName: string) => {
  const field = model.fields.find((f) => f.name === fieldName);
  if (!field && unsupportedFields.get(model.name)?.includes(fieldName)) return fieldName;
  return field!.dbName ?? field!.name;
};
const columnFields = (model: Model) => model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");

describe.each(datamodel.models.map((model) => [model.name, model] as const))("model %s", (_name, model) => {
  const table = tableOf(model);

  it("has a table with exactly the model's columns", () => {
    const actual = catalog.columns.filter((c) => c.table === table).map((c) => c.column);
    expect(actual.sort()).toEqual(
      [...columnFields(model).map((f) => f.dbName ?? f.name), ...(unsupportedFields.get(model.name) ?? [])].sort(),
    );
  });

  it.each(columnFields(model).map((field) => [field.name, field] as const))(
    "column for %s has the field's type, nullability and default",
    (_field, field) => {
      const column = catalog.columns.find((c) => c.table === table && c.column === (field.dbName ?? field.name));
      expect(column, `column ${table}.${field.dbName ?? field.name}`).toBeDefined();
      const expected = expectedColumnType(field);
      expect({
        type: column!.udt_name,
        array: column!.data_type === "ARRAY",
        length: column!.character_maximum_length,
        precision: expected.precision === undefined ? undefined : column!.datetime_precision,
        // Prisma leaves scalar lists nullable in the database.
        nullable: column!.is_nullable === "YES",
      }).toEqual({
        type: expected.udt,
        array: field.isList,
        length: expected.length ?? null,
        precision: expected.precision,
        nullable: field.isList || !field.isRequired,
      });
      expect(column!.column_default !== null, `default of ${table}.${column!.column}`).toBe(hasDatabaseDefault(field));
    },
  );

  it("has the primary key", () => {
    const id = datamodel.indexes.find((i) => i.model === model.name && i.type === "id")!;
    expect(id, "the model has an id").toBeDefined();
    const columns = id.fields.map((f) => columnOf(model, f.name));
    expect(catalog.constraints.find((c) => c.table === table && c.type === "p")).toMatchObject({
      name: id.dbName ?? constraintName(table, [], "pkey"),
      columns,
    });
  });

  it("has every unique constraint and index of the model, and no others", () => {
    const expected = datamodel.indexes
      .filter((i) => i.model === model.name && (i.type === "unique" || i.type === "normal"))
      .map((i) => {
        const columns = i.fields.map((f) => columnOf(model, f.name));
        const unique = i.type === "unique";
        return { name: i.dbName ?? constraintName(table, columns, unique ? "key" : "idx"), columns, unique };
      });
    const actual = catalog.indexes
      .filter((i) => i.table === table && !i.primary)
      .map(({ name, columns, unique }) => ({ name, columns, unique }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
  });

  it("has a foreign key for every relation it holds, and no others", () => {
    const expected = model.fields
      .filter((f) => f.kind === "object" && (f.relationFromFields?.length ?? 0) > 0)
      .map((field) => {
        const target = modelNamed(field.type);
        const columns = field.relationFromFields!.map((name) => columnOf(model, name));
        const required = field.relationFromFields!.every(
          (name) => model.fields.find((f) => f.name === name)!.isRequired,
        );
        return {
          name: constraintName(table, columns, "fkey"),
          columns,
          ref_table: tableOf(target),
          ref_columns: field.relationToFields!.map((name) => columnOf(target, name)),
          // Prisma's defaults: Restrict for required relations, SetNull for optional ones; updates cascade.
          on_delete: referentialAction(field.relationOnDelete ?? (required ? "Restrict" : "SetNull")),
          on_update: referentialAction(field.relationOnUpdate ?? "Cascade"),
        };
      });
    const actual = catalog.constraints
      .filter((c) => c.table === table && c.type === "f")
      .map(({ name, columns, ref_table, ref_columns, on_delete, on_update }) => ({
        name,
        columns,
        ref_table,
        ref_columns,
        on_delete,
        on_update,
      }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(actual.sort(byName)).toEqual(expected.sort(byName));
  });
});

describe("the database", () => {
  it("has a type for every enum, with its values in order", () => {
    for (const enumType of datamodel.enums) {
      expect(catalog.enums.get(enumType.dbName ?? enumType.name), `enum ${enumType.name}`).toEqual(
        enumType.values.map((v) => v.dbName ?? v.name),
      );
    }
  });

  it("has no tables but the models' and Prisma's migration history", () => {
    const tables = new Set(catalog.columns.map((c) => c.table));
    expect([...tables].sort()).toEqual([...datamodel.models.map(tableOf), "_prisma_migrations"].sort());
  });
});

/** The PostgreSQL type Prisma creates for a field: `udt_name` (without the array `_`), length and timestamp precision. */
function expectedColumnType(field: Field): { udt: string; length?: number; precision?: number } {
  const udt = (name: string) => (field.isList ? `_${name}` : name);
  if (field.kind === "enum") {
    const enumType = datamodel.enums.find((e) => e.name === field.type)!;
    return { udt: udt(enumType.dbName ?? enumType.name) };
  }
  const native = field.nativeType as [string, string[]] | null | undefined;
  if (native) {
    const [name, args] = native;
    const arg = args[0] === undefined ? undefined : Number(args[0]);
    const mapped: Record<string, { udt: string; length?: number; precision?: number }> = {
      Text: { udt: "text" },
      VarChar: { udt: "varchar", length: arg },
      Char: { udt: "bpchar", length: arg ?? 1 },
      Uuid: { udt: "uuid" },
      Citext: { udt: "citext" },
      Inet: { udt: "inet" },
      Xml: { udt: "xml" },
      Integer: { udt: "int4" },
      SmallInt: { udt: "int2" },
      BigInt: { udt: "int8" },
      Oid: { udt: "oid" },
      Real: { udt: "float4" },
      DoublePrecision: { udt: "float8" },
      Decimal: { udt: "numeric" },
      Money: { udt: "money" },
      Boolean: { udt: "bool" },
      Date: { udt: "date", precision: 0 },
      Time: { udt: "time", precision: arg ?? 6 },
      Timetz: { udt: "timetz", precision: arg ?? 6 },
      Timestamp: { udt: "timestamp", precision: arg ?? 6 },
      Timestamptz: { udt: "timestamptz", precision: arg ?? 6 },
      Json: { udt: "json" },
      JsonB: { udt: "jsonb" },
      ByteA: { udt: "bytea" },
    };
    const type = mapped[name];
    if (!type) throw new Error(`test/schema.test.ts does not know the native type @db.${name} yet; add it.`);
    return { ...type, udt: udt(type.udt) };
  }
  const scalar: Record<string, { udt: string; precision?: number }> = {
    String: { udt: "text" },
    Int: { udt: "int4" },
    BigInt: { udt: "int8" },
    Float: { udt: "float8" },
    Decimal: { udt: "numeric" },
    Boolean: { udt: "bool" },
    DateTime: { udt: "timestamp", precision: 3 },
    Json: { udt: "jsonb" },
    Bytes: { udt: "bytea" },
  };
  const type = scalar[field.type];
  if (!type) throw new Error(`test/schema.test.ts does not know the scalar type ${field.type} yet; add it.`);
  return { ...type, udt: udt(type.udt) };
}

/** Whether Prisma gives the column a database default (client-side generators such as cuid() have none). */
function hasDatabaseDefault(field: Field): boolean {
  const value = field.default;
  if (value === undefined) return false;
  if (typeof value !== "object" || Array.isArray(value)) return true;
  return ["now", "autoincrement", "dbgenerated", "sequence"].includes((value as { name: string }).name);
}

/** Prisma's default constraint name: `Table_col1_col2_suffix`, cut to PostgreSQL's 63 characters. */
function constraintName(table: string, columns: string[], suffix: string): string {
  return `${[table, ...columns].join("_").slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

/** pg_constraint's code for a Prisma referential action. */
function referentialAction(action: string): string {
  const codes: Record<string, string> = { Cascade: "c", Restrict: "r", NoAction: "a", SetNull: "n", SetDefault: "d" };
  return codes[action];
}

async function readCatalog(url: string): Promise<Catalog> {
  const columns = await sql<Column>(
    `SELECT table_name AS table, column_name AS column, is_nullable, data_type, udt_name,
            character_maximum_length, datetime_precision, column_default
       FROM information_schema.columns
      WHERE table_schema = current_schema()`,
    [],
    url,
  );
  const indexes = await sql<Index>(
    `SELECT i.relname AS name, t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
            ARRAY(SELECT a.attname::text
                    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns
       FROM pg_catalog.pg_index ix
       JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
       JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema()`,
    [],
    url,
  );
  const constraints = await sql<Constraint>(
    `SELECT con.conname AS name, rel.relname AS table, con.contype AS type,
            ARRAY(SELECT a.attname::text
                    FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.ord) AS columns,
            ref.relname::text AS ref_table,
            CASE WHEN con.confrelid = 0 THEN NULL ELSE
              ARRAY(SELECT a.attname::text
                      FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                     ORDER BY k.ord) END AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_catalog.pg_constraint con
       JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = rel.relnamespace
       LEFT JOIN pg_catalog.pg_class ref ON ref.oid = con.confrelid
      WHERE n.nspname = current_schema()`,
    [],
    url,
  );
  const enumRows = await sql<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                                      WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
       FROM pg_catalog.pg_type t
       JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND n.nspname = current_schema()`,
    [],
    url,
  );
  return { columns, indexes, constraints, enums: new Map(enumRows.map((e) => [e.name, e.values])) };
}
