import { Estate, Unit } from '@estate/estates';
import { TestApp } from './test-app';
import { TestUser } from './factories';

/** An estate with a unit, a front-desk clerk, a manager, a technician and a resident of the unit. */
export interface WorkOrderWorld {
  estate: Estate;
  unit: Unit;
  frontDesk: TestUser;
  manager: TestUser;
  technician: TestUser;
  resident: TestUser;
}

export async function workOrderWorld(t: TestApp): Promise<WorkOrderWorld> {
  const estate = await t.factory.estate();
  const unit = await t.factory.unit(estate);
  return {
    estate,
    unit,
    frontDesk: await t.factory.user('front_desk', [estate]),
    manager: await t.factory.user('manager', [estate]),
    technician: await t.factory.user('technician', [estate]),
    resident: await t.factory.user('resident', [estate], { unitId: unit.id }),
  };
}

/** Sets the clock, then sends a POST as the given user. */
export function postAt(
  t: TestApp,
  at: string,
  user: TestUser,
  path: string,
  body: Record<string, unknown> = {},
) {
  t.clock.set(at);
  return t.http.post(`/api/v1/work-orders${path}`).set(user.auth).send(body);
}

export async function countRows(t: TestApp, table: string, where = '1 = 1', parameters: unknown[] = []) {
  const rows: { count: number | string }[] = await t.dataSource.query(
    `SELECT COUNT(*) AS count FROM ${table} WHERE ${where}`,
    parameters,
  );
  return Number(rows[0].count);
}

/** supertest parser that keeps a binary body (xlsx, images) as a Buffer. */
export function binaryParser(
  response: NodeJS.ReadableStream,
  callback: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}
