import { Estate, Unit } from '@estate/estates';
import { TestUser } from './factories';
import { TestApp } from './test-app';
import type { Response, Test } from 'supertest';

/** Fee-area helpers for e2e tests: fee items and payments over the real HTTP API. */
export async function createFeeItem(
  t: TestApp,
  finance: TestUser,
  estate: Estate,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const response = await t.http
    .post('/api/v1/fee-items')
    .set(finance.auth)
    .send({
      estateId: estate.id,
      name: '物业管理费',
      category: 'management_fee',
      basis: 'per_area',
      priceCentiFen: 23500,
      unitTypes: ['residential'],
      activeFrom: '2026-01',
      ...overrides,
    })
    .expect(201);
  return response.body;
}

let keySequence = 0;
export function newIdempotencyKey(): string {
  keySequence += 1;
  return `test-key-${Date.now()}-${keySequence}`;
}

export function pay(
  t: TestApp,
  user: TestUser,
  unit: Unit,
  amountFen: number,
  extra: Record<string, unknown> = {},
  key: string = newIdempotencyKey(),
) {
  return t.http
    .post('/api/v1/payments')
    .set(user.auth)
    .set('Idempotency-Key', key)
    .send({ unitId: unit.id, amountFen, method: 'wechat', ...extra });
}

export async function balanceOf(t: TestApp, user: TestUser, unit: Unit) {
  const response: Response = await t.http
    .get(`/api/v1/fees/units/${unit.id}/balance`)
    .set(user.auth)
    .expect(200);
  return response.body as { outstandingFen: number; creditFen: number };
}

/** supertest parser that keeps a binary body (PDF, xlsx) as a Buffer. */
export const binary: Parameters<Test['parse']>[0] = (response, callback) => {
  const stream = response as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};
