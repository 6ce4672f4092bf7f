import { pay } from '../support/fees-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 22 item 6: one rule for the estate and unit of a new record (EstatesService.intakeScope,
 * docs/api.md "Estate and unit of a new record"): the estate comes from the unit when a unit is
 * given; without a unit it must be named; a resident's complaint channel is `online`, not sent.
 */
describe('the estate and unit of a new record (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => t.close());

  const world = async () => {
    const estate = await t.factory.estate();
    const other = await t.factory.estate();
    const unit = await t.factory.unit(estate);
    const foreignUnit = await t.factory.unit(other);
    return {
      estate,
      other,
      unit,
      foreignUnit,
      desk: await t.factory.user('front_desk', [estate]),
      finance: await t.factory.user('finance', [estate]),
      resident: await t.factory.user('resident', [], { unitId: unit.id }),
    };
  };
  const order = (body: Record<string, unknown>) => ({
    category: 'plumbing',
    priority: 'routine',
    channel: 'phone',
    description: '厨房漏水',
    ...body,
  });
  const complaint = (body: Record<string, unknown>) => ({
    categories: ['cleanliness'],
    description: '楼道垃圾三天未清理',
    ...body,
  });

  it('work orders: the estate from the unit, channel resident_app for residents; a wrong or missing one is refused with its code', async () => {
    const w = await world();
    const fromUnit = await t.http
      .post('/api/v1/work-orders')
      .set(w.desk.auth)
      .send(order({ unitId: w.unit.id }))
      .expect(201);
    expect(fromUnit.body).toMatchObject({ estateId: w.estate.id, unitId: w.unit.id });

    const both = await t.http
      .post('/api/v1/work-orders')
      .set(w.desk.auth)
      .send(order({ estateId: w.estate.id, unitId: w.unit.id }))
      .expect(201);
    expect(both.body.estateId).toBe(w.estate.id);

    const elsewhere = await t.http
      .post('/api/v1/work-orders')
      .set(w.desk.auth)
      .send(order({ unitId: w.foreignUnit.id }))
      .expect(422);
    expect(elsewhere.body.code).toBe('UNIT_NOT_FOUND');

    const neither = await t.http
      .post('/api/v1/work-orders')
      .set(w.desk.auth)
      .send(order({ locationText: '3号楼 电梯厅' }))
      .expect(400);
    expect(neither.body.code).toBe('ESTATE_REQUIRED');

    const publicArea = await t.http
      .post('/api/v1/work-orders')
      .set(w.desk.auth)
      .send(order({ estateId: w.estate.id, locationText: '3号楼 电梯厅' }))
      .expect(201);
    expect(publicArea.body).toMatchObject({ estateId: w.estate.id, unitId: null });

    // a resident names nothing: their own unit and its estate
    const own = await t.http
      .post('/api/v1/work-orders')
      .set(w.resident.auth)
      .send({ category: 'plumbing', priority: 'routine', description: '卫生间漏水' })
      .expect(201);
    expect(own.body).toMatchObject({ estateId: w.estate.id, unitId: w.unit.id, channel: 'resident_app' });

    const staffNoChannel = await t.http
      .post('/api/v1/work-orders')
      .set(w.desk.auth)
      .send(order({ unitId: w.unit.id, channel: undefined }))
      .expect(400);
    expect(staffNoChannel.body.code).toBe('CHANNEL_REQUIRED');
  });

  it('complaints: estate from the unit, channel online for residents and required from staff', async () => {
    const w = await world();
    const byResident = await t.http
      .post('/api/v1/complaints')
      .set(w.resident.auth)
      .send(complaint({}))
      .expect(201);
    expect(byResident.body).toMatchObject({ estateId: w.estate.id, unitId: w.unit.id, channel: 'online' });

    const staffNoChannel = await t.http
      .post('/api/v1/complaints')
      .set(w.desk.auth)
      .send(complaint({ unitId: w.unit.id }))
      .expect(400);
    expect(staffNoChannel.body.code).toBe('CHANNEL_REQUIRED');

    const byPhone = await t.http
      .post('/api/v1/complaints')
      .set(w.desk.auth)
      .send(complaint({ unitId: w.unit.id, channel: 'phone' }))
      .expect(201);
    expect(byPhone.body).toMatchObject({ estateId: w.estate.id, channel: 'phone' });

    const neither = await t.http
      .post('/api/v1/complaints')
      .set(w.desk.auth)
      .send(complaint({ channel: 'phone' }))
      .expect(400);
    expect(neither.body.code).toBe('ESTATE_REQUIRED');

    const mismatch = await t.http
      .post('/api/v1/complaints')
      .set(w.desk.auth)
      .send(complaint({ estateId: w.estate.id, unitId: w.foreignUnit.id, channel: 'phone' }))
      .expect(422);
    expect(mismatch.body.code).toBe('UNIT_NOT_FOUND');
  });

  it('payments: the estate may be sent and must then be the unit’s', async () => {
    const w = await world();
    const sent = await pay(t, w.finance, w.unit, 5000, { estateId: w.estate.id });
    expect(sent.status).toBe(201);
    const wrong = await pay(t, w.finance, w.unit, 5000, { estateId: w.other.id });
    expect({ status: wrong.status, code: wrong.body.code }).toEqual({
      status: 403,
      code: 'ESTATE_FORBIDDEN',
    });
    const foreign = await pay(t, w.finance, w.foreignUnit, 5000);
    expect({ status: foreign.status, code: foreign.body.code }).toEqual({
      status: 422,
      code: 'UNIT_NOT_FOUND',
    });
  });
});
