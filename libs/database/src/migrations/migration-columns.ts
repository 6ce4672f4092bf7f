import { TableColumnOptions, TableForeignKeyOptions, TableIndexOptions } from 'typeorm';

/**
 * Column builders for migrations, so every table uses the same portable types on MySQL and SQLite
 * (see docs/architecture.md "Portable schema"). Names are snake_case.
 */
export const column = {
  id: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
  reference: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: '36',
    isNullable: nullable,
  }),
  text: (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable: nullable,
    ...(defaultValue === undefined ? {} : { default: `'${defaultValue}'` }),
  }),
  longText: (name: string, nullable = true): TableColumnOptions => ({
    name,
    type: 'text',
    isNullable: nullable,
  }),
  json: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
  integer: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
    name,
    type: 'int',
    isNullable: nullable,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  }),
  /** bigint: money in fen, measures in hundredths, large counters. */
  bigInteger: (name: string, nullable = false, defaultValue?: number): TableColumnOptions => ({
    name,
    type: 'bigint',
    isNullable: nullable,
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
  }),
  boolean: (name: string, defaultValue = false): TableColumnOptions => ({
    name,
    type: 'boolean',
    isNullable: false,
    default: defaultValue ? 1 : 0,
  }),
  /** An instant in UTC with milliseconds. */
  instant: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: nullable,
  }),
  /** A calendar date `YYYY-MM-DD` in the estate's zone. */
  localDate: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: '10',
    isNullable: nullable,
  }),
  /** `YYYY-MM`. */
  period: (name = 'period', nullable = false): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: '7',
    isNullable: nullable,
  }),
  blob: (name: string, nullable = false): TableColumnOptions => ({
    name,
    type: 'longblob',
    isNullable: nullable,
  }),
  createdAt: (): TableColumnOptions => ({
    name: 'created_at',
    type: 'datetime',
    precision: 3,
    isNullable: false,
  }),
  updatedAt: (): TableColumnOptions => ({
    name: 'updated_at',
    type: 'datetime',
    precision: 3,
    isNullable: false,
  }),
  version: (): TableColumnOptions => ({ name: 'version', type: 'int', isNullable: false, default: 1 }),
};

/** The three columns of `BaseEntity`. */
export function baseColumns(): TableColumnOptions[] {
  return [column.id(), column.createdAt(), column.updatedAt()];
}

export function foreignKey(
  columnName: string,
  referencedTable: string,
  onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT',
): TableForeignKeyOptions {
  return {
    columnNames: [columnName],
    referencedTableName: referencedTable,
    referencedColumnNames: ['id'],
    onDelete,
  };
}

export function index(name: string, columnNames: string[], unique = false): TableIndexOptions {
  return { name, columnNames, isUnique: unique };
}
