import ExcelJS from 'exceljs';
import { Building, Resident, Unit } from '@estate/estates';
import { createTestApp, TestApp } from '../support/test-app';

async function workbook(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('estate registry (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lets an admin create an estate with settings and a manager edit them; others may not', async () => {
    const { auth: admin } = await t.factory.user('admin');
    const created = await t.http
      .post('/api/v1/estates')
      .set(admin)
      .send({ code: 'gardens', name: '阳光花园', settings: { sla: { urgentArrivalMinutes: 20 } } })
      .expect(201);
    expect(created.body).toMatchObject({ code: 'GARDENS', timeZone: 'Asia/Shanghai' });
    expect(created.body.settings.sla).toEqual({
      urgentArrivalMinutes: 20,
      urgentCompletionHours: 24,
      routineCompletionHours: 72,
    });
    expect(
      (await t.http.post('/api/v1/estates').set(admin).send({ code: 'GARDENS', name: 'x' }).expect(409)).body
        .code,
    ).toBe('ESTATE_CODE_TAKEN');

    const estateId = created.body.id;
    const estate = { id: estateId } as never;
    const { auth: manager } = await t.factory.user('manager', [estate]);
    const updated = await t.http
      .patch(`/api/v1/estates/${estateId}`)
      .set(manager)
      .send({ settings: { billing: { dueDay: 20 } } })
      .expect(200);
    expect(updated.body.settings.billing.dueDay).toBe(20);
    expect(updated.body.settings.sla.urgentArrivalMinutes).toBe(20); // other sections kept
    expect(
      (await t.http.patch(`/api/v1/estates/${estateId}`).set(manager).send({ timeZone: 'UTC' }).expect(403))
        .body.code,
    ).toBe('ROLE_FORBIDDEN');
    const { auth: frontDesk } = await t.factory.user('front_desk', [estate]);
    await t.http.patch(`/api/v1/estates/${estateId}`).set(frontDesk).send({ name: 'x' }).expect(403);
    await t.http.post('/api/v1/estates').set(manager).send({ code: 'NEW', name: 'x' }).expect(403);
    expect(
      (
        await t.http
          .post('/api/v1/estates')
          .set(admin)
          .send({ code: 'TZ', name: 'x', timeZone: 'Mars/Olympus' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('keeps estates apart: 404 for another estate’s records, 403 for another estate in a filter', async () => {
    const mine = await t.factory.estate();
    const theirs = await t.factory.estate();
    const theirUnit = await t.factory.unit(theirs);
    const { auth } = await t.factory.user('front_desk', [mine]);
    expect((await t.http.get(`/api/v1/units/${theirUnit.id}`).set(auth).expect(404)).body.code).toBe(
      'UNIT_NOT_FOUND',
    );
    expect((await t.http.get(`/api/v1/estates/${theirs.id}`).set(auth).expect(404)).body.code).toBe(
      'ESTATE_NOT_FOUND',
    );
    expect((await t.http.get(`/api/v1/units?estateId=${theirs.id}`).set(auth).expect(403)).body.code).toBe(
      'ESTATE_FORBIDDEN',
    );
    const estates = await t.http.get('/api/v1/estates').set(auth).expect(200);
    expect(estates.body.items.map((estate: { id: string }) => estate.id)).toEqual([mine.id]);
    // Creating in another estate's building is refused without revealing it.
    const theirBuilding = await t.factory.building(theirs);
    expect(
      (
        await t.http
          .post('/api/v1/units')
          .set(auth)
          .send({ buildingId: theirBuilding.id, number: '101', floorArea: 80 })
          .expect(422)
      ).body.code,
    ).toBe('BUILDING_NOT_FOUND');
    expect(await t.dataSource.getRepository(Unit).countBy({ buildingId: theirBuilding.id })).toBe(0);
  });

  it('creates buildings, units and residents, refusing duplicates and bad values, and stores areas exactly', async () => {
    const estate = await t.factory.estate();
    const { auth } = await t.factory.user('front_desk', [estate]);
    const building = await t.http
      .post('/api/v1/buildings')
      .set(auth)
      .send({ estateId: estate.id, number: '3', floors: 18, floorArea: 12800.55 })
      .expect(201);
    expect(building.body).toMatchObject({ number: '3', name: '3', floorArea: 12800.55 });
    expect(
      (
        await t.http
          .post('/api/v1/buildings')
          .set(auth)
          .send({ estateId: estate.id, number: '3' })
          .expect(409)
      ).body.code,
    ).toBe('BUILDING_NUMBER_TAKEN');

    const unit = await t.http
      .post('/api/v1/units')
      .set(auth)
      .send({ buildingId: building.body.id, number: '1502', floor: 15, floorArea: 89.5 })
      .expect(201);
    expect(unit.body).toMatchObject({
      buildingNumber: '3',
      number: '1502',
      floorArea: 89.5,
      type: 'residential',
    });
    expect(
      (await t.dataSource.getRepository(Unit).findOneByOrFail({ id: unit.body.id })).floorAreaHundredths,
    ).toBe(8950);
    expect(
      (
        await t.http
          .post('/api/v1/units')
          .set(auth)
          .send({ buildingId: building.body.id, number: '1502', floorArea: 70 })
          .expect(409)
      ).body.code,
    ).toBe('UNIT_NUMBER_TAKEN');
    const badArea = await t.http
      .post('/api/v1/units')
      .set(auth)
      .send({ buildingId: building.body.id, number: '1503', floorArea: 89.555 })
      .expect(400);
    expect(badArea.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .post('/api/v1/units')
      .set(auth)
      .send({ buildingId: building.body.id, number: '1504', floorArea: -1 })
      .expect(400);

    const resident = await t.http
      .post('/api/v1/residents')
      .set(auth)
      .send({
        unitId: unit.body.id,
        name: '张三',
        phone: '13812345678',
        relation: 'owner',
        moveInDate: '2024-03-01',
      })
      .expect(201);
    expect(resident.body.phone).toBe('13812345678'); // the detail shows the full number
    const list = await t.http.get(`/api/v1/residents?estateId=${estate.id}`).set(auth).expect(200);
    expect(list.body.items[0].phone).toBe('138****5678'); // lists mask it
    const wrongDates = await t.http
      .post('/api/v1/residents')
      .set(auth)
      .send({
        unitId: unit.body.id,
        name: '李四',
        relation: 'tenant',
        moveInDate: '2024-03-01',
        moveOutDate: '2024-02-01',
      })
      .expect(400);
    expect(wrongDates.body.code).toBe('MOVE_OUT_BEFORE_MOVE_IN');
    await t.http
      .post('/api/v1/residents')
      .set(auth)
      .send({ unitId: unit.body.id, name: '李四', relation: 'tenant', moveInDate: '2024-02-30' })
      .expect(400);
    expect(await t.dataSource.getRepository(Resident).countBy({ unitId: unit.body.id })).toBe(1);
  });

  it('counts occupancy on a date: move-in inclusive, move-out exclusive', async () => {
    const estate = await t.factory.estate();
    const [a, b, c] = [
      await t.factory.unit(estate),
      await t.factory.unit(estate),
      await t.factory.unit(estate),
    ];
    await t.factory.resident(a, { moveInDate: '2026-01-01' });
    await t.factory.resident(a, { moveInDate: '2026-01-01' }); // two people, one household
    await t.factory.resident(b, { moveInDate: '2026-03-31', moveOutDate: '2026-06-30' });
    await t.factory.resident(c, { moveInDate: '2026-04-01' });
    const { auth } = await t.factory.user('manager', [estate]);
    const occupiedOn = async (date: string) =>
      (
        await t.http
          .get(`/api/v1/units?estateId=${estate.id}&occupied=true&asOf=${date}`)
          .set(auth)
          .expect(200)
      ).body.total;
    // 2026-03-31: a and b (b moves in that day) → 2; 2026-06-30: a and c (b left that day) → 2; 2026-06-29: a, b, c → 3
    expect(await occupiedOn('2026-03-30')).toBe(1);
    expect(await occupiedOn('2026-03-31')).toBe(2);
    expect(await occupiedOn('2026-06-29')).toBe(3);
    expect(await occupiedOn('2026-06-30')).toBe(2);
    expect(
      (
        await t.http
          .get(`/api/v1/units?estateId=${estate.id}&occupied=false&asOf=2026-06-30`)
          .set(auth)
          .expect(200)
      ).body.total,
    ).toBe(1);
  });

  it('imports a workbook of buildings, units and residents in one go', async () => {
    const estate = await t.factory.estate();
    const { auth } = await t.factory.user('manager', [estate]);
    const file = await workbook({
      Buildings: [
        ['number', 'name', 'floors', 'floorArea'],
        ['A', 'A座', 10, 5000],
        ['B', 'B座', 12, ''],
      ],
      Units: [
        ['building', 'number', 'floor', 'floorArea', 'type'],
        ['A', '101', 1, 88.88, 'residential'],
        ['A', '102', 1, 90, ''],
        ['B', '101', 1, '120.5', 'commercial'],
      ],
      住户: [
        ['楼栋', '房号', '姓名', '电话', '关系', '入住日期'],
        ['A', '101', '王五', '13900001111', 'owner', '2025-05-01'],
      ],
    });
    const response = await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', file, 'registry.xlsx')
      .expect(201);
    expect(response.body).toEqual({ buildings: 2, units: 3, residents: 1 });
    const units = await t.dataSource
      .getRepository(Unit)
      .find({ where: { estateId: estate.id }, order: { floorAreaHundredths: 'ASC' } });
    expect(units.map((unit) => unit.floorAreaHundredths)).toEqual([8888, 9000, 12050]);
  });

  it('imports nothing from a file with bad rows and names each row and reason', async () => {
    const estate = await t.factory.estate();
    await t.factory.building(estate, { number: 'EXISTS' });
    const { auth } = await t.factory.user('manager', [estate]);
    const file = await workbook({
      Buildings: [['number'], ['C'], ['EXISTS']],
      Units: [
        ['building', 'number', 'floorArea'],
        ['C', '1', 50],
        ['Z', '2', 50],
        ['C', '3', 'abc'],
        ['C', '4', 60, 'castle'],
      ],
    });
    const response = await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', file, 'registry.xlsx')
      .expect(422);
    expect(response.body.code).toBe('IMPORT_ROWS_INVALID');
    expect(response.body.details.errors).toEqual([
      { sheet: 'Buildings', row: 3, field: 'number', message: 'building EXISTS already exists' },
      { sheet: 'Units', row: 3, field: 'building', message: 'building Z does not exist' },
      {
        sheet: 'Units',
        row: 4,
        field: 'floorArea',
        message: 'floorArea must be a positive number of m² with at most 2 decimals',
      },
    ]);
    expect(await t.dataSource.getRepository(Building).countBy({ estateId: estate.id })).toBe(1);
    expect(await t.dataSource.getRepository(Unit).countBy({ estateId: estate.id })).toBe(0);
  });

  it('imports a CSV of one kind and refuses other file types', async () => {
    const estate = await t.factory.estate();
    await t.factory.building(estate, { number: '9' });
    const { auth } = await t.factory.user('front_desk', [estate]);
    const csv = Buffer.from('\uFEFFbuilding,number,floorArea\n9,901,70.5\n9,902,71\n', 'utf8');
    expect(
      (
        await t.http
          .post(`/api/v1/estates/${estate.id}/import?kind=units`)
          .set(auth)
          .attach('file', csv, 'units.csv')
          .expect(201)
      ).body.units,
    ).toBe(2);
    expect(
      (
        await t.http
          .post(`/api/v1/estates/${estate.id}/import`)
          .set(auth)
          .attach('file', csv, 'units.csv')
          .expect(400)
      ).body.code,
    ).toBe('IMPORT_KIND_REQUIRED');
    expect(
      (
        await t.http
          .post(`/api/v1/estates/${estate.id}/import`)
          .set(auth)
          .attach('file', csv, 'units.txt')
          .expect(400)
      ).body.code,
    ).toBe('FILE_TYPE_UNSUPPORTED');
    expect(
      (
        await t.http
          .post(`/api/v1/estates/${estate.id}/import`)
          .set(auth)
          .attach('file', Buffer.from('junk'), 'units.xlsx')
          .expect(400)
      ).body.code,
    ).toBe('FILE_UNREADABLE');
    const { auth: cleaner } = await t.factory.user('cleaner', [estate]);
    await t.http
      .post(`/api/v1/estates/${estate.id}/import?kind=units`)
      .set(cleaner)
      .attach('file', csv, 'units.csv')
      .expect(403);
  });
});
