import { Estate } from '@estate/estates';
import { DataSource } from 'typeorm';
import { TestApp } from './test-app';

/** Row counts of a table for one estate, to prove a refused request wrote nothing. */
export async function countRows(dataSource: DataSource, table: string, estateId: string): Promise<number> {
  const rows: { count: string | number }[] = await dataSource.query(
    `SELECT COUNT(*) AS count FROM ${table} WHERE estate_id = ?`,
    [estateId],
  );
  return Number(rows[0].count);
}

/** `count` occupied units (one resident each) and `vacant` empty ones in the estate. */
export async function households(t: TestApp, estate: Estate, count: number, vacant = 0): Promise<void> {
  for (let index = 0; index < count; index++) await t.factory.resident(await t.factory.unit(estate));
  for (let index = 0; index < vacant; index++) await t.factory.unit(estate);
}

let clientSequence = 0;
/** A fresh client-generated UUID (v4 shape). */
export function clientId(): string {
  clientSequence++;
  const hex = clientSequence.toString(16).padStart(12, '0');
  return `${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}-0000-4000-8000-${hex}`;
}
