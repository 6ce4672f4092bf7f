import { randomUUID } from 'node:crypto';
import { Estate, Unit } from '@estate/estates';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';

/**
 * Issue #22 finding 10. `null` where the schema does not say nullable, and instants that do not
 * exist on the calendar, are refused by the shared validators (Optional / Nullable / IsInstant in
 * libs/shared/src/validation) — 400 VALIDATION_FAILED naming the field, nothing written. Every
 * property of every DTO is walked for null by apps/api/src/null-fields.spec.ts; here the audit's
 * concrete cases over HTTP, and every date-time field of every JSON body in the OpenAPI document sent
 * as 30 February.
 */
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Operation {
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Path parameters that are not record ids get a value of the right shape. */
const PATH_VALUES: Record<string, string> = {
  role: 'electrician',
  code: 'repair_timeliness_rate',
  period: '2026-09',
  format: 'pdf',
};

describe('nulls and impossible dates (issue #22, finding 10)', () => {
  let t: TestApp;
  let admin: TestUser;
  let estate: Estate;
  let unit: Unit;

  beforeAll(async () => {
    t = await createTestApp();
    estate = await t.factory.estate();
    unit = await t.factory.unit(estate, { areaSquareMetres: 88.5 });
    admin = await t.factory.user('admin');
  });
  afterAll(() => t.close());

  it.each([
    ['timeZone', { timeZone: null }],
    ['active', { active: null }],
    ['name', { name: null }],
  ])('PATCH /estates/{id} with %s: null → 400 naming the field, not a 500', async (field, body) => {
    const response = await t.http
      .patch(`/api/v1/estates/${estate.id}`)
      .set(admin.auth)
      .send(body)
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toContain(`${field} must not be null`);
    const stored = await t.dataSource.getRepository(Estate).findOneByOrFail({ id: estate.id });
    expect(stored).toMatchObject({ timeZone: 'Asia/Shanghai', active: true, name: estate.name });
  });

  it('PATCH /units/{id} {"floorArea": null} → 400 and the area (and the fee on it) is unchanged', async () => {
    const response = await t.http
      .patch(`/api/v1/units/${unit.id}`)
      .set(admin.auth)
      .send({ floorArea: null })
      .expect(400);
    expect(response.body.message).toContain('floorArea must not be null');
    const stored = await t.dataSource.getRepository(Unit).findOneByOrFail({ id: unit.id });
    expect(stored.floorAreaHundredths).toBe(8850);
  });

  it('null still clears the fields whose schema says nullable (a unit’s floor, an estate’s address)', async () => {
    const cleared = await t.http
      .patch(`/api/v1/units/${unit.id}`)
      .set(admin.auth)
      .send({ floor: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ floor: null, floorArea: 88.5 });
    await t.http
      .patch(`/api/v1/estates/${estate.id}`)
      .set(admin.auth)
      .send({ address: '滨江路 1 号' })
      .expect(200);
    const estateCleared = await t.http
      .patch(`/api/v1/estates/${estate.id}`)
      .set(admin.auth)
      .send({ address: null })
      .expect(200);
    expect(estateCleared.body.address).toBeNull();
  });

  it('POST /complaints with receivedAt 2026-02-30 → 400, not stored as 2 March', async () => {
    const response = await t.http
      .post('/api/v1/complaints')
      .set(admin.auth)
      .send({
        estateId: estate.id,
        unitId: unit.id,
        categories: ['service_attitude'],
        channel: 'phone',
        description: '前台态度差',
        receivedAt: '2026-02-30T00:00:00Z',
      })
      .expect(400);
    expect(response.body.message).toContain('receivedAt must be a real ISO 8601 instant');
    const count = await t.dataSource.query('SELECT COUNT(*) AS n FROM complaints');
    expect(Number(count[0].n)).toBe(0);
  });

  it('every date-time field of every JSON body refuses an impossible instant (30 February, 24:00)', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as OpenApi;
    const resolve = (schema: Schema): Schema =>
      schema.$ref
        ? resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')])
        : schema.allOf
          ? { properties: Object.assign({}, ...schema.allOf.map((part) => resolve(part).properties)) }
          : schema;
    const cases: { method: string; path: string; field: string }[] = [];
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const json = operation.requestBody?.content['application/json'];
        if (!json) continue;
        for (const [field, property] of Object.entries(resolve(json.schema).properties ?? {}))
          if (resolve(property).format === 'date-time') cases.push({ method, path, field });
      }
    // the audit's list, so the walk is known to reach them
    for (const field of [
      'receivedAt',
      'contactedAt',
      'recordedAt',
      'occurredAt',
      'startedAt',
      'inspectedAt',
      'opensAt',
      'arrivedAt',
      'acceptedAt',
      'effectiveAt',
    ])
      expect(cases.map((item) => item.field)).toContain(field);

    const accepted: string[] = [];
    for (const { method, path, field } of cases) {
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => PATH_VALUES[name] ?? randomUUID());
      for (const impossible of [
        '2026-02-30T00:00:00Z',
        '2026-10-31T24:00:00Z',
        '2026-04-31T10:00:00+08:00',
      ]) {
        const response = await t.http[method as 'post' | 'patch' | 'put'](url)
          .set(admin.auth)
          .send({ [field]: impossible });
        const errors: string[] = response.body.details?.errors ?? [];
        if (response.status !== 400 || !errors.some((error) => error.startsWith(`${field} must be a real`)))
          accepted.push(
            `${method.toUpperCase()} ${path} ${field}=${impossible}: ${response.status} ${response.body.message}`,
          );
      }
    }
    expect(accepted).toEqual([]);
  });
});
