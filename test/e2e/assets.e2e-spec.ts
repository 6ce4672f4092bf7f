import ExcelJS from 'exceljs';
import {
  AssetConditionRecord,
  Asset,
  AssetsService,
  CONDITION_OPEN_END,
  conditionAsOf,
  AssetInspectionResult,
  AssetTask,
  AssetTasksService,
} from '@estate/assets';
import { JobRun } from '@estate/database';
import { AssetConditionIntervals1767225612000 } from '../../libs/database/src/migrations/1767225612000-asset-condition-intervals';
import { WorkOrder } from '@estate/work-orders';
import { Estate } from '@estate/estates';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';

describe('assets (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-10-01T02:00:00.000Z' });
  });
  afterAll(async () => t.close());

  const api = '/api/v1';

  async function createAsset(
    user: TestUser,
    estate: Estate,
    body: Record<string, unknown>,
  ): Promise<{ id: string; version: number }> {
    const response = await t.http
      .post(`${api}/assets`)
      .set(user.auth)
      .send({ estateId: estate.id, ...body });
    if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function recordCondition(user: TestUser, assetId: string, condition: string, recordedAt: string) {
    await t.http
      .post(`${api}/assets/${assetId}/conditions`)
      .set(user.auth)
      .send({ condition, recordedAt })
      .expect(201);
  }

  async function healthAt(user: TestUser, estate: Estate, asOf: string) {
    const response = await t.http
      .get(`${api}/assets/health`)
      .query({ estateId: estate.id, asOf })
      .set(user.auth)
      .expect(200);
    const group = (name: string) =>
      response.body.groups.find((entry: { kpiGroup: string }) => entry.kpiGroup === name);
    return { body: response.body, group };
  }

  describe('health as of an instant', () => {
    it('gives hand-computed rates by area and by count before, during and after damage', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const manager = await t.factory.user('manager', [estate]);
      const good = { initialCondition: 'good' };
      const h1 = await createAsset(technician, estate, {
        code: 'h1',
        name: '1号楼',
        categoryCode: 'building',
        measure: 1200.5,
        measureUnit: 'm2',
        ...good,
      });
      const h2 = await createAsset(technician, estate, {
        code: 'h2',
        name: '2号楼',
        categoryCode: 'building',
        measure: 800,
        measureUnit: 'm2',
        ...good,
      });
      const g1 = await createAsset(technician, estate, {
        code: 'g1',
        name: '中心绿地',
        categoryCode: 'green_area',
        measure: 500.25,
        measureUnit: 'm2',
        ...good,
      });
      const wells = [];
      for (const number of [1, 2, 3, 4])
        wells.push(
          await createAsset(technician, estate, {
            code: `w${number}`,
            name: `雨水井${number}`,
            categoryCode: 'rainwater_well',
            measure: 1,
            measureUnit: 'count',
            ...good,
          }),
        );
      const e1 = await createAsset(technician, estate, {
        code: 'e1',
        name: '1号电梯',
        categoryCode: 'elevator',
        measure: 1,
        measureUnit: 'count',
        ...good,
      });
      await createAsset(technician, estate, {
        code: 'e2',
        name: '生活水泵',
        categoryCode: 'water_pump',
        measure: 1,
        measureUnit: 'count',
        ...good,
      });
      const light = await createAsset(technician, estate, {
        code: 'l1',
        name: '路灯1',
        categoryCode: 'street_light',
        measure: 1,
        measureUnit: 'count',
      });
      expect(h1.id).toBeDefined();

      // History, entered on 26 October with the times things were observed.
      t.clock.set('2026-10-26T02:00:00.000Z');
      await recordCondition(technician, h2.id, 'bad', '2026-10-10T03:00:00Z');
      await recordCondition(technician, wells[1].id, 'dangerous', '2026-10-10T03:00:00Z');
      await recordCondition(technician, e1.id, 'out_of_service', '2026-10-10T03:00:00Z');
      await recordCondition(technician, g1.id, 'fair', '2026-10-10T03:00:00Z');
      await recordCondition(technician, h2.id, 'good', '2026-10-20T03:00:00Z');
      await recordCondition(technician, wells[1].id, 'good', '2026-10-20T03:00:00Z');
      await recordCondition(technician, e1.id, 'good', '2026-10-20T03:00:00Z');
      // w4 leaves the ledger mid-month
      const w4 = (await t.http.get(`${api}/assets/${wells[3].id}`).set(manager.auth).expect(200)).body;
      await t.http
        .post(`${api}/assets/${w4.id}/decommission`)
        .set(manager.auth)
        .send({ version: w4.version, decommissionedAt: '2026-10-12T00:00:00Z', reason: '填埋改造' })
        .expect(200);

      // BEFORE (5 Oct): everything recorded is good.
      // house 1200.50 + 800 = 2000.50 m² all intact → 1; greenery 500.25/500.25 → 1; wells 4/4 → 1;
      // street light: 1 asset with no record → counted, not intact → 0/1 = 0; equipment 2/2.
      const before = await healthAt(manager, estate, '2026-10-05T00:00:00Z');
      expect(before.group('house')).toMatchObject({
        totalMeasureHundredths: 200050,
        intactMeasureHundredths: 200050,
        totalMeasure: 2000.5,
        rate: 1,
        nonIntactAssets: [],
      });
      expect(before.group('greenery')).toMatchObject({
        totalMeasureHundredths: 50025,
        intactMeasureHundredths: 50025,
        rate: 1,
      });
      expect(before.group('wells')).toMatchObject({
        assetCount: 4,
        totalMeasure: 4,
        intactMeasure: 4,
        rate: 1,
      });
      expect(before.group('street_light')).toMatchObject({
        assetCount: 1,
        intactMeasure: 0,
        unrecordedMeasureHundredths: 100,
        rate: 0,
      });
      expect(before.group('street_light').nonIntactAssets).toEqual([
        expect.objectContaining({ id: light.id, condition: null }),
      ]);
      expect(before.group('road')).toMatchObject({ assetCount: 0, totalMeasure: 0, rate: null });
      expect(before.body.equipment).toMatchObject({ assetCount: 2, intactCount: 2, rate: 1 });

      // DURING (15 Oct): h2 bad, w2 dangerous, e1 out of service, g1 fair (still intact), w4 gone.
      // house 1200.50 / 2000.50 = 120050 / 200050; greenery 1; wells 2 of 3 (w4 decommissioned on the 12th);
      // equipment 1 of 2.
      const during = await healthAt(manager, estate, '2026-10-15T00:00:00Z');
      expect(during.group('house')).toMatchObject({
        totalMeasureHundredths: 200050,
        intactMeasureHundredths: 120050,
      });
      expect(during.group('house').rate).toBeCloseTo(120050 / 200050, 12);
      expect(during.group('house').nonIntactAssets).toEqual([
        expect.objectContaining({
          id: h2.id,
          condition: 'bad',
          measure: 800,
          recordedAt: '2026-10-10T03:00:00.000Z',
        }),
      ]);
      expect(during.group('greenery')).toMatchObject({ intactMeasureHundredths: 50025, rate: 1 });
      expect(during.group('wells')).toMatchObject({ assetCount: 3, totalMeasure: 3, intactMeasure: 2 });
      expect(during.group('wells').rate).toBeCloseTo(2 / 3, 12);
      expect(during.group('wells').nonIntactAssets.map((asset: { code: string }) => asset.code)).toEqual([
        'W2',
      ]);
      expect(during.body.equipment).toMatchObject({ assetCount: 2, intactCount: 1, rate: 0.5 });
      expect(during.body.equipment.nonIntactAssets).toEqual([
        expect.objectContaining({ id: e1.id, condition: 'out_of_service' }),
      ]);

      // One millisecond before the damage was observed, and exactly at it (at-or-before is inclusive).
      expect(
        (await healthAt(manager, estate, '2026-10-10T02:59:59.999Z')).group('house').intactMeasureHundredths,
      ).toBe(200050);
      expect(
        (await healthAt(manager, estate, '2026-10-10T03:00:00.000Z')).group('house').intactMeasureHundredths,
      ).toBe(120050);

      // AFTER (25 Oct): repaired; wells 3/3 (w4 still out), equipment 2/2.
      const after = await healthAt(manager, estate, '2026-10-25T00:00:00Z');
      expect(after.group('house')).toMatchObject({ intactMeasureHundredths: 200050, rate: 1 });
      expect(after.group('wells')).toMatchObject({ assetCount: 3, intactMeasure: 3, rate: 1 });
      expect(after.body.equipment).toMatchObject({ assetCount: 2, intactCount: 2, rate: 1 });

      // before 1 Oct 02:00 nothing was in the ledger yet
      const empty = await healthAt(manager, estate, '2026-09-30T00:00:00Z');
      expect(empty.group('house')).toMatchObject({ assetCount: 0, rate: null });
    });

    it('breaks a tie of two records at the same instant by id (the later written wins)', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const road = await createAsset(technician, estate, {
        code: 'r1',
        name: '主路',
        categoryCode: 'road_section',
        measure: 300,
        measureUnit: 'm2',
      });
      t.clock.set('2026-10-05T00:00:00.000Z');
      await recordCondition(technician, road.id, 'good', '2026-10-03T00:00:00Z');
      await recordCondition(technician, road.id, 'poor', '2026-10-03T00:00:00Z');
      const health = await healthAt(technician, estate, '2026-10-04T00:00:00Z');
      expect(health.group('road')).toMatchObject({ totalMeasure: 300, intactMeasure: 0, rate: 0 });
      const asset = await t.http.get(`${api}/assets/${road.id}`).set(technician.auth).expect(200);
      expect(asset.body.condition).toBe('poor');
      const list = await t.http
        .get(`${api}/assets`)
        .query({ estateId: estate.id, condition: 'poor' })
        .set(technician.auth)
        .expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([road.id]);
    });

    it('keeps every instant right with back-dated records, equal timestamps, no record yet and decommissioning', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const manager = await t.factory.user('manager', [estate]);
      const road = (code: string, measure: number, initialCondition?: string) =>
        createAsset(technician, estate, {
          code,
          name: `路段${code}`,
          categoryCode: 'road_section',
          measure,
          measureUnit: 'm2',
          ...(initialCondition && { initialCondition }),
        });
      const r1 = await road('r1', 300); // no record at registration
      await road('r2', 200, 'good'); // good from 1 Oct 02:00
      const r3 = await road('r3', 100, 'good'); // decommissioned on the 15th

      t.clock.set('2026-10-30T02:00:00.000Z');
      // r1, written out of order: good on the 5th, bad then fair both at the 20th 00:00 (the later
      // written wins), and last a back-dated poor on the 10th that lands between good and bad.
      await recordCondition(technician, r1.id, 'good', '2026-10-05T00:00:00Z');
      await recordCondition(technician, r1.id, 'bad', '2026-10-20T00:00:00Z');
      await recordCondition(technician, r1.id, 'fair', '2026-10-20T00:00:00Z');
      await recordCondition(technician, r1.id, 'poor', '2026-10-10T00:00:00Z');
      await recordCondition(technician, r3.id, 'poor', '2026-10-08T00:00:00Z');
      const r3Now = (await t.http.get(`${api}/assets/${r3.id}`).set(manager.auth).expect(200)).body;
      await t.http
        .post(`${api}/assets/${r3.id}/decommission`)
        .set(manager.auth)
        .send({ version: r3Now.version, decommissionedAt: '2026-10-15T00:00:00Z', reason: '改建' })
        .expect(200);
      // r4 enters the ledger on the 30th with a condition observed on the 6th: counted from the 6th
      const r4 = await road('r4', 50);
      await recordCondition(technician, r4.id, 'good', '2026-10-06T00:00:00Z');

      const roadAt = async (asOf: string) => (await healthAt(manager, estate, asOf)).group('road');

      // 3 Oct: r1 registered, no record yet → counted, not intact; r2, r3 good; r4 not in the ledger.
      // total 300 + 200 + 100 = 600 m², intact 300, unrecorded 300.
      const early = await roadAt('2026-10-03T00:00:00Z');
      expect(early).toMatchObject({
        assetCount: 3,
        totalMeasureHundredths: 60000,
        intactMeasureHundredths: 30000,
        unrecordedMeasureHundredths: 30000,
        rate: 0.5,
      });
      expect(early.nonIntactAssets).toEqual([expect.objectContaining({ code: 'R1', condition: null })]);

      // 12 Oct: r1 poor (the back-dated record of the 10th), r2 good, r3 poor (8th, not yet
      // decommissioned), r4 good (record of the 6th). total 650, intact 200 + 50 = 250.
      const middle = await roadAt('2026-10-12T00:00:00Z');
      expect(middle).toMatchObject({
        assetCount: 4,
        totalMeasureHundredths: 65000,
        intactMeasureHundredths: 25000,
        unrecordedMeasureHundredths: 0,
      });
      expect(middle.nonIntactAssets).toEqual([
        expect.objectContaining({ code: 'R1', condition: 'poor', recordedAt: '2026-10-10T00:00:00.000Z' }),
        expect.objectContaining({ code: 'R3', condition: 'poor', recordedAt: '2026-10-08T00:00:00.000Z' }),
      ]);
      // one millisecond before the 20th r1 is still poor (r3 gone since the 15th: intact r2 + r4 =
      // 250 of 550); at the 20th the later of the two equal records (fair) holds, the bad one never does
      expect(await roadAt('2026-10-19T23:59:59.999Z')).toMatchObject({
        totalMeasureHundredths: 55000,
        intactMeasureHundredths: 25000,
      });
      expect((await roadAt('2026-10-20T00:00:00.000Z')).intactMeasureHundredths).toBe(55000);

      // 25 Oct: r1 fair (intact), r2 good, r3 decommissioned (gone), r4 good: 550 / 550.
      const late = await roadAt('2026-10-25T00:00:00Z');
      expect(late).toMatchObject({
        assetCount: 3,
        totalMeasureHundredths: 55000,
        intactMeasureHundredths: 55000,
        rate: 1,
        nonIntactAssets: [],
      });

      // the stored intervals of r1 in (recordedAt, id) order
      const chain = await t.dataSource.manager.find(AssetConditionRecord, {
        where: { assetId: r1.id },
        order: { recordedAt: 'ASC', id: 'ASC' },
      });
      expect(
        chain.map((record) => [
          record.condition,
          record.recordedAt.toISOString(),
          record.validUntil.toISOString(),
        ]),
      ).toEqual([
        ['good', '2026-10-05T00:00:00.000Z', '2026-10-10T00:00:00.000Z'],
        ['poor', '2026-10-10T00:00:00.000Z', '2026-10-20T00:00:00.000Z'],
        ['bad', '2026-10-20T00:00:00.000Z', '2026-10-20T00:00:00.000Z'],
        ['fair', '2026-10-20T00:00:00.000Z', CONDITION_OPEN_END.toISOString()],
      ]);
      const service = t.app.get(AssetsService);
      expect(
        (await service.conditionAsOf(r1.id, new Date('2026-10-04T23:59:59.999Z')))?.condition,
      ).toBeUndefined();
      expect((await service.conditionAsOf(r1.id, new Date('2026-10-05T00:00:00.000Z')))?.condition).toBe(
        'good',
      );
      expect((await service.conditionAsOf(r1.id, new Date('2026-10-15T00:00:00.000Z')))?.condition).toBe(
        'poor',
      );
      expect((await service.conditionAsOf(r1.id, new Date('2026-10-20T00:00:00.000Z')))?.condition).toBe(
        'fair',
      );
      // a condition is not an edit of the asset: its version is unchanged
      const r1Now = (await t.http.get(`${api}/assets/${r1.id}`).set(manager.auth).expect(200)).body;
      expect(r1Now).toMatchObject({ version: r1.version, condition: 'fair' });
    });

    it('back-fills valid_until and first_recorded_at from existing history (migration down and up)', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const drain = await createAsset(technician, estate, {
        code: 'd1',
        name: '排水管',
        categoryCode: 'drain_pipe',
        measure: 40,
        measureUnit: 'm',
        initialCondition: 'good',
      });
      t.clock.set('2026-10-30T02:00:00.000Z');
      await recordCondition(technician, drain.id, 'bad', '2026-10-20T00:00:00Z');
      await recordCondition(technician, drain.id, 'fair', '2026-10-20T00:00:00Z');
      await recordCondition(technician, drain.id, 'poor', '2026-10-10T00:00:00Z');
      const snapshot = async () => ({
        records: (
          await t.dataSource.manager.find(AssetConditionRecord, { order: { recordedAt: 'ASC', id: 'ASC' } })
        ).map((record) => [record.id, record.validUntil.toISOString()]),
        assets: (await t.dataSource.manager.find(Asset, { order: { id: 'ASC' } })).map((asset) => [
          asset.id,
          asset.firstRecordedAt?.toISOString() ?? null,
        ]),
      });
      const written = await snapshot();
      expect(written.assets).toContainEqual([drain.id, '2026-10-01T02:00:00.000Z']);
      const runner = t.dataSource.createQueryRunner();
      try {
        const migration = new AssetConditionIntervals1767225612000();
        await runner.beforeMigration(); // as the migration runner does (SQLite: foreign keys off)
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.afterMigration();
        await runner.release();
      }
      expect(await snapshot()).toEqual(written);
    });

    it('keeps one unbroken chain when records of one asset are written at the same time', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const well = await createAsset(technician, estate, {
        code: 'w1',
        name: '雨水井',
        categoryCode: 'rainwater_well',
        measure: 1,
        measureUnit: 'count',
      });
      t.clock.set('2026-10-30T02:00:00.000Z');
      const written: [string, string][] = [
        ['good', '2026-10-03T00:00:00.000Z'],
        ['bad', '2026-10-21T00:00:00.000Z'],
        ['poor', '2026-10-09T00:00:00.000Z'],
        ['fair', '2026-10-15T00:00:00.000Z'],
        ['dangerous', '2026-10-09T00:00:00.000Z'],
        ['good', '2026-10-27T00:00:00.000Z'],
      ];
      await Promise.all(
        written.map(([condition, recordedAt]) =>
          t.http
            .post(`${api}/assets/${well.id}/conditions`)
            .set(technician.auth)
            .send({ condition, recordedAt })
            .expect(201),
        ),
      );
      const chain = await t.dataSource.manager.find(AssetConditionRecord, {
        where: { assetId: well.id },
        order: { recordedAt: 'ASC', id: 'ASC' },
      });
      expect(chain).toHaveLength(written.length);
      chain.forEach((record, index) =>
        expect(record.validUntil.toISOString()).toBe(
          (chain[index + 1]?.recordedAt ?? CONDITION_OPEN_END).toISOString(),
        ),
      );
      // the SQL answer at each instant is the in-memory rule's answer over the same records
      for (const asOf of [
        '2026-10-02T00:00:00.000Z',
        '2026-10-09T00:00:00.000Z',
        '2026-10-12T00:00:00.000Z',
        '2026-10-15T00:00:00.000Z',
        '2026-10-21T12:00:00.000Z',
        '2026-10-29T00:00:00.000Z',
      ]) {
        const expected = conditionAsOf(chain, new Date(asOf));
        const wells = (await healthAt(technician, estate, asOf)).group('wells');
        expect({ asOf, intact: wells.intactMeasureHundredths }).toEqual({
          asOf,
          intact: expected && ['good', 'fair'].includes(expected.condition) ? 100 : 0,
        });
      }
    });
  });

  describe('bad input', () => {
    it('refuses bad measures, unknown KPI groups and mismatched units with nothing written', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const base = {
        estateId: estate.id,
        code: 'x1',
        name: 'x',
        categoryCode: 'green_area',
        measureUnit: 'm2',
      };
      for (const measure of [0, -5])
        expect(
          (
            await t.http
              .post(`${api}/assets`)
              .set(technician.auth)
              .send({ ...base, measure })
              .expect(400)
          ).body.code,
        ).toBe('VALIDATION_FAILED');
      expect(
        (
          await t.http
            .post(`${api}/assets`)
            .set(technician.auth)
            .send({ ...base, measure: 1.234 })
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
      expect(
        (
          await t.http
            .post(`${api}/assets`)
            .set(technician.auth)
            .send({ ...base, measure: 10, kpiGroup: 'lawns' })
            .expect(400)
        ).body.code,
      ).toBe('VALIDATION_FAILED');
      expect(
        (
          await t.http
            .post(`${api}/assets`)
            .set(technician.auth)
            .send({ ...base, measure: 10, measureUnit: 'm' })
            .expect(422)
        ).body.code,
      ).toBe('MEASURE_UNIT_MISMATCH');
      expect(
        (
          await t.http
            .post(`${api}/assets`)
            .set(technician.auth)
            .send({ ...base, categoryCode: 'street_light', measure: 1.5, measureUnit: 'count' })
            .expect(422)
        ).body.code,
      ).toBe('MEASURE_NOT_WHOLE');
      expect(
        (
          await t.http
            .post(`${api}/assets`)
            .set(technician.auth)
            .send({ ...base, categoryCode: 'spaceship', measure: 1 })
            .expect(422)
        ).body.code,
      ).toBe('CATEGORY_NOT_FOUND');
      expect(await t.dataSource.manager.countBy(Asset, { estateId: estate.id })).toBe(0);

      await createAsset(technician, estate, {
        code: 'dup',
        name: 'a',
        categoryCode: 'green_area',
        measure: 1,
        measureUnit: 'm2',
      });
      expect(
        (
          await t.http
            .post(`${api}/assets`)
            .set(technician.auth)
            .send({ ...base, code: 'DUP', measure: 1 })
            .expect(409)
        ).body.code,
      ).toBe('ASSET_CODE_TAKEN');
    });

    it('refuses condition records in the future or before installation, with nothing written', async () => {
      t.clock.set('2026-10-15T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const pump = await createAsset(technician, estate, {
        code: 'p1',
        name: '水泵',
        categoryCode: 'water_pump',
        measure: 1,
        measureUnit: 'count',
        installedDate: '2026-10-10',
      });
      const future = await t.http
        .post(`${api}/assets/${pump.id}/conditions`)
        .set(technician.auth)
        .send({ condition: 'good', recordedAt: '2026-10-15T02:00:01Z' })
        .expect(422);
      expect(future.body.code).toBe('CONDITION_RECORDED_IN_FUTURE');
      // installed 10 Oct in Shanghai = from 2026-10-09T16:00Z
      const early = await t.http
        .post(`${api}/assets/${pump.id}/conditions`)
        .set(technician.auth)
        .send({ condition: 'good', recordedAt: '2026-10-09T15:59:59Z' })
        .expect(422);
      expect(early.body.code).toBe('CONDITION_BEFORE_INSTALLATION');
      expect(await t.dataSource.manager.countBy(AssetConditionRecord, { assetId: pump.id })).toBe(0);
      await t.http
        .post(`${api}/assets/${pump.id}/conditions`)
        .set(technician.auth)
        .send({ condition: 'good', recordedAt: '2026-10-09T16:00:00Z' })
        .expect(201);
      const history = await t.http
        .get(`${api}/assets/${pump.id}/conditions`)
        .set(technician.auth)
        .expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({
          condition: 'good',
          source: 'manual',
          authorName: technician.user.displayName,
        }),
      ]);
    });

    it('refuses a stale version (409) and decommissioning twice', async () => {
      const estate = await t.factory.estate();
      const manager = await t.factory.user('manager', [estate]);
      const asset = await createAsset(manager, estate, {
        code: 'v1',
        name: 'v',
        categoryCode: 'cctv',
        measure: 1,
        measureUnit: 'count',
      });
      await t.http
        .patch(`${api}/assets/${asset.id}`)
        .set(manager.auth)
        .send({ version: 1, name: '监控1' })
        .expect(200);
      expect(
        (
          await t.http
            .patch(`${api}/assets/${asset.id}`)
            .set(manager.auth)
            .send({ version: 1, name: 'x' })
            .expect(409)
        ).body.code,
      ).toBe('CONCURRENT_MODIFICATION');
      await t.http
        .post(`${api}/assets/${asset.id}/decommission`)
        .set(manager.auth)
        .send({ version: 2, reason: '报废' })
        .expect(200);
      expect(
        (
          await t.http
            .post(`${api}/assets/${asset.id}/decommission`)
            .set(manager.auth)
            .send({ version: 3, reason: '报废' })
            .expect(409)
        ).body.code,
      ).toBe('TRANSITION_NOT_ALLOWED');
    });
  });

  describe('roles and estates', () => {
    it('lets technicians and managers write, other staff read, and keeps estates apart', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const other = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const security = await t.factory.user('security', [estate]);
      const finance = await t.factory.user('finance', [estate]);
      const resident = await t.factory.user('resident', [estate]);
      const outsider = await t.factory.user('technician', [other]);
      const asset = await createAsset(technician, estate, {
        code: 'f1',
        name: '消火栓1',
        categoryCode: 'fire_hydrant',
        measure: 1,
        measureUnit: 'count',
      });
      const body = {
        estateId: estate.id,
        code: 'f2',
        name: 'x',
        categoryCode: 'fire_hydrant',
        measure: 1,
        measureUnit: 'count',
      };
      for (const reader of [security, finance]) {
        expect((await t.http.post(`${api}/assets`).set(reader.auth).send(body).expect(403)).body.code).toBe(
          'ROLE_FORBIDDEN',
        );
        await t.http
          .post(`${api}/assets/${asset.id}/conditions`)
          .set(reader.auth)
          .send({ condition: 'good' })
          .expect(403);
        const list = await t.http
          .get(`${api}/assets`)
          .query({ estateId: estate.id })
          .set(reader.auth)
          .expect(200);
        expect(list.body.total).toBe(1);
        await t.http.get(`${api}/assets/health`).query({ estateId: estate.id }).set(reader.auth).expect(200);
      }
      await t.http.get(`${api}/assets`).set(resident.auth).expect(403);
      // other estate: filter → 403, record by id → 404, create → 403
      expect(
        (await t.http.get(`${api}/assets`).query({ estateId: estate.id }).set(outsider.auth).expect(403)).body
          .code,
      ).toBe('ESTATE_FORBIDDEN');
      await t.http.get(`${api}/assets/health`).query({ estateId: estate.id }).set(outsider.auth).expect(403);
      await t.http.get(`${api}/assets/${asset.id}`).set(outsider.auth).expect(404);
      await t.http
        .post(`${api}/assets/${asset.id}/conditions`)
        .set(outsider.auth)
        .send({ condition: 'bad' })
        .expect(404);
      await t.http.post(`${api}/assets`).set(outsider.auth).send(body).expect(403);
      expect((await t.http.get(`${api}/assets`).set(outsider.auth).expect(200)).body.total).toBe(0);
      expect(await t.dataSource.manager.countBy(Asset, { estateId: estate.id })).toBe(1);
      expect(await t.dataSource.manager.countBy(AssetConditionRecord, { assetId: asset.id })).toBe(0);
    });
  });

  describe('plans and tasks', () => {
    async function setUp() {
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      // plans are managed by a manager (issue #22 finding 11); the technician completes the tasks
      const planner = await t.factory.user('manager', [estate]);
      const wellA = await createAsset(technician, estate, {
        code: 'rw1',
        name: '雨水井1',
        categoryCode: 'rainwater_well',
        measure: 1,
        measureUnit: 'count',
        initialCondition: 'good',
      });
      const wellB = await createAsset(technician, estate, {
        code: 'rw2',
        name: '雨水井2',
        categoryCode: 'rainwater_well',
        measure: 1,
        measureUnit: 'count',
        initialCondition: 'good',
      });
      const pump = await createAsset(technician, estate, {
        code: 'pump',
        name: '水泵',
        categoryCode: 'water_pump',
        measure: 1,
        measureUnit: 'count',
        initialCondition: 'good',
      });
      const daily = await t.http
        .post(`${api}/inspection-plans`)
        .set(planner.auth)
        .send({
          estateId: estate.id,
          name: '雨水井日巡',
          categoryCode: 'rainwater_well',
          checklist: [{ id: 'cover', label: '井盖完好' }, { label: '无堵塞' }],
          recurrence: { frequency: 'daily' },
          startDate: '2026-10-01',
          assigneeRole: 'technician',
        })
        .expect(201);
      expect(daily.body.checklist.map((item: { id: string }) => item.id)).toEqual(['cover', 'item-1']);
      const monthly = await t.http
        .post(`${api}/maintenance-plans`)
        .set(planner.auth)
        .send({
          estateId: estate.id,
          name: '水泵月保养',
          assetId: pump.id,
          checklist: [{ id: 'oil', label: '加油' }],
          recurrence: { frequency: 'monthly', dayOfMonth: 31 },
          startDate: '2026-10-01',
        })
        .expect(201);
      return { estate, technician, wellA, wellB, pump, daily: daily.body, monthly: monthly.body };
    }

    it('generates due tasks once even when the job fires twice, and shows missed ones as overdue', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const { estate, technician, monthly } = await setUp();
      const tasks = t.app.get(AssetTasksService);
      // 2026-10-30T16:30Z is 00:30 on 31 October in Shanghai: daily plan × 2 wells + the monthly pump plan.
      t.clock.set('2026-10-30T16:30:00.000Z');
      await tasks.scheduledGeneration();
      await tasks.scheduledGeneration();
      const runs = await t.dataSource.manager.findBy(JobRun, {
        jobName: 'assets.task-generation',
        businessKey: `${estate.id}:2026-10-31`,
      });
      expect(runs).toHaveLength(1);
      expect(runs[0].status).toBe('succeeded');
      expect(await t.dataSource.manager.countBy(AssetTask, { estateId: estate.id })).toBe(3);
      // the same code path called directly again: nothing new
      expect(await tasks.generateTasks(estate.id, '2026-10-31')).toMatchObject({ created: 0 });
      expect(await t.dataSource.manager.countBy(AssetTask, { estateId: estate.id, planId: monthly.id })).toBe(
        1,
      );

      const listed = await t.http
        .get(`${api}/asset-tasks`)
        .query({ estateId: estate.id, status: 'open' })
        .set(technician.auth)
        .expect(200);
      expect(listed.body.total).toBe(3);
      expect(listed.body.items[0]).toMatchObject({
        dueDate: '2026-10-31',
        dueAt: '2026-10-31T16:00:00.000Z',
        status: 'open',
      });

      // Next local day: the 31st's tasks are late (shown overdue at once, stored by the next run).
      t.clock.set('2026-10-31T17:00:00.000Z');
      const overdue = await t.http
        .get(`${api}/asset-tasks`)
        .query({ estateId: estate.id, status: 'overdue' })
        .set(technician.auth)
        .expect(200);
      expect(overdue.body.total).toBe(3);
      const next = await tasks.generateTasks(estate.id);
      // 1 November: 2 daily tasks; the monthly plan is not due; 3 tasks marked overdue.
      expect(next).toEqual({ date: '2026-11-01', created: 2, markedOverdue: 3 });
    });

    it('completes a task with matching checklist results once, refusing mismatches and a second completion', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const { estate, technician, pump, monthly } = await setUp();
      const security = await t.factory.user('security', [estate]);
      t.clock.set('2026-10-31T02:00:00.000Z');
      await t.app.get(AssetTasksService).generateTasks(estate.id);
      const task = await t.dataSource.manager.findOneByOrFail(AssetTask, { planId: monthly.id });

      const url = `${api}/asset-tasks/${task.id}/complete`;
      await t.http
        .post(url)
        .set(security.auth)
        .send({ itemResults: [{ itemId: 'oil', passed: true }] })
        .expect(403);
      for (const itemResults of [
        [],
        [{ itemId: 'grease', passed: true }],
        [
          { itemId: 'oil', passed: true },
          { itemId: 'oil', passed: true },
        ],
      ]) {
        const refused = await t.http
          .post(url)
          .set(technician.auth)
          .send({ itemResults, overallCondition: 'good' })
          .expect(422);
        expect(refused.body.code).toBe('CHECKLIST_MISMATCH');
      }
      expect((await t.dataSource.manager.findOneByOrFail(AssetTask, { id: task.id })).status).toBe('open');
      expect(await t.dataSource.manager.countBy(AssetInspectionResult, { taskId: task.id })).toBe(0);
      expect(await t.dataSource.manager.countBy(AssetConditionRecord, { assetId: pump.id })).toBe(1);

      const done = await t.http
        .post(url)
        .set(technician.auth)
        .send({
          itemResults: [{ itemId: 'oil', passed: true, value: '2L' }],
          overallCondition: 'fair',
          photos: ['att-1'],
        })
        .expect(200);
      expect(done.body).toMatchObject({ status: 'done', completedAt: '2026-10-31T02:00:00.000Z' });
      expect(done.body.result).toMatchObject({
        overallCondition: 'fair',
        itemResults: [{ itemId: 'oil', passed: true, value: '2L', note: null }],
        workOrderId: null,
      });
      const again = await t.http
        .post(url)
        .set(technician.auth)
        .send({ itemResults: [{ itemId: 'oil', passed: true }] })
        .expect(409);
      expect(again.body).toMatchObject({
        code: 'TRANSITION_NOT_ALLOWED',
        details: { from: 'done', allowed: [] },
      });
      expect(await t.dataSource.manager.countBy(AssetInspectionResult, { taskId: task.id })).toBe(1);

      const timeline = await t.http.get(`${api}/assets/${pump.id}/timeline`).set(technician.auth).expect(200);
      expect(timeline.body.entries.map((entry: { type: string }) => entry.type)).toEqual([
        'maintenance', // result and its condition record share the instant: the later-written id comes first
        'condition',
        'condition',
      ]);
      expect(
        (await t.http.get(`${api}/assets/${pump.id}`).set(technician.auth).expect(200)).body.condition,
      ).toBe('fair');
    });

    it('validates plans', async () => {
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const manager = await t.factory.user('manager', [estate]);
      const body = {
        estateId: estate.id,
        name: 'p',
        categoryCode: 'elevator',
        checklist: [{ label: 'a' }],
        startDate: '2026-10-01',
      };
      expect(
        (
          await t.http
            .post(`${api}/inspection-plans`)
            .set(manager.auth)
            .send({ ...body, recurrence: { frequency: 'weekly', weekdays: [9] } })
            .expect(400)
        ).body.code,
      ).toBe('RECURRENCE_INVALID');
      expect(
        (
          await t.http
            .post(`${api}/inspection-plans`)
            .set(manager.auth)
            .send({ ...body, categoryCode: undefined, recurrence: { frequency: 'daily' } })
            .expect(400)
        ).body.code,
      ).toBe('PLAN_TARGET_REQUIRED');
      expect(
        (
          await t.http
            .post(`${api}/inspection-plans`)
            .set(manager.auth)
            .send({ ...body, categoryCode: 'nope', recurrence: { frequency: 'daily' } })
            .expect(422)
        ).body.code,
      ).toBe('CATEGORY_NOT_FOUND');
      const created = await t.http
        .post(`${api}/inspection-plans`)
        .set(manager.auth)
        .send({ ...body, recurrence: { frequency: 'yearly', month: 2, dayOfMonth: 29 } })
        .expect(201);
      await t.http.get(`${api}/maintenance-plans/${created.body.id}`).set(technician.auth).expect(404);
      const updated = await t.http
        .patch(`${api}/inspection-plans/${created.body.id}`)
        .set(manager.auth)
        .send({ version: 1, active: false })
        .expect(200);
      expect(updated.body).toMatchObject({ active: false, version: 2 });
      // issue #22 finding 11: plans are managed by manager/admin; technicians complete their tasks
      for (const attempt of [
        t.http.post(`${api}/inspection-plans`).send({ ...body, recurrence: { frequency: 'daily' } }),
        t.http.patch(`${api}/inspection-plans/${created.body.id}`).send({ version: 2, active: true }),
        t.http.delete(`${api}/inspection-plans/${created.body.id}`),
      ])
        expect((await attempt.set(technician.auth).expect(403)).body.code).toBe('ROLE_FORBIDDEN');
      await t.http.delete(`${api}/inspection-plans/${created.body.id}`).set(manager.auth).expect(204);
    });
  });

  describe('import and export', () => {
    async function workbook(rows: (string | number)[][]): Promise<Buffer> {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('设备台账');
      sheet.addRow(['编号', '名称', '类别', '数量', '单位', '安装日期', '完好状况']);
      for (const row of rows) sheet.addRow(row);
      return Buffer.from(await book.xlsx.writeBuffer());
    }

    it('imports all rows or none, and exports the ledger as a streamed workbook', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const bad = await workbook([
        ['GA-1', '北区绿地', 'green_area', '1250.5', 'm2', '2020-01-01', 'good'],
        ['GA-2', '南区绿地', 'green_area', '0', 'm2', '', ''],
        ['GA-1', '重复', 'green_area', '10', 'm2', '', ''],
        ['WL-1', '污水井', 'sewage_well', '1', 'm', '', 'bent'],
      ]);
      const refused = await t.http
        .post(`${api}/assets/import`)
        .set(technician.auth)
        .field('estateId', estate.id)
        .attach('file', bad, 'ledger.xlsx')
        .expect(422);
      expect(refused.body.code).toBe('IMPORT_ROWS_INVALID');
      expect(refused.body.details.errors.map((error: { row: number }) => error.row)).toEqual([3, 4, 5]);
      expect(await t.dataSource.manager.countBy(Asset, { estateId: estate.id })).toBe(0);

      const good = await workbook([
        ['GA-1', '北区绿地', 'green_area', '1250.5', 'm2', '2020-01-01', 'good'],
        ['WL-1', '污水井', 'sewage_well', '1', 'count', '', ''],
      ]);
      const imported = await t.http
        .post(`${api}/assets/import`)
        .set(technician.auth)
        .field('estateId', estate.id)
        .attach('file', good, 'ledger.xlsx')
        .expect(201);
      expect(imported.body).toEqual({ imported: 2, conditionRecords: 1 });
      const health = await healthAt(technician, estate, '2026-10-01T02:00:00Z');
      expect(health.group('greenery')).toMatchObject({
        totalMeasureHundredths: 125050,
        intactMeasureHundredths: 125050,
      });
      expect(health.group('wells')).toMatchObject({
        assetCount: 1,
        intactMeasure: 0,
        unrecordedMeasureHundredths: 100,
      });

      const exportSheet = async (query: Record<string, string>) => {
        const exported = await t.http
          .get(`${api}/assets/export.xlsx`)
          .query({ estateId: estate.id, ...query })
          .set(technician.auth)
          .buffer(true)
          .parse((response, callback) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => callback(null, Buffer.concat(chunks)));
          })
          .expect(200);
        expect(exported.headers['content-type']).toContain('spreadsheetml');
        expect(exported.headers['content-disposition']).toContain("filename*=UTF-8''assets-");
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(exported.body as Buffer as unknown as ArrayBuffer);
        const sheet = book.worksheets[0];
        expect(sheet.rowCount).toBe(3);
        const codes = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value].sort();
        expect(codes).toEqual(['GA-1', 'WL-1']);
        const byCode = (code: string) =>
          sheet.getRow(2).getCell(1).value === code ? sheet.getRow(2) : sheet.getRow(3);
        return { sheet, green: byCode('GA-1'), well: byCode('WL-1') };
      };
      // Category, KPI group, unit, importance, status and condition by their labels, not their codes.
      const labelled = (row: ExcelJS.Row) => [3, 4, 6, 13, 15, 16].map((cell) => row.getCell(cell).value);
      const chinese = await exportSheet({});
      expect(chinese.sheet.name).toBe('设备台账');
      expect(chinese.sheet.getRow(1).getCell(16).value).toBe('完好状况');
      expect(chinese.green.getCell(5).value).toBe(1250.5);
      expect(labelled(chinese.green)).toEqual(['绿地', '绿化', '平方米', 'B 类(重要)', '在用', '完好']);
      expect(labelled(chinese.well)).toEqual(['污水井', '化粪池/井', '个', 'B 类(重要)', '在用', null]);
      const english = await exportSheet({ locale: 'en' });
      expect(english.sheet.name).toBe('Assets');
      expect(english.sheet.getRow(1).getCell(16).value).toBe('Condition');
      expect(labelled(english.green)).toEqual([
        'Green area',
        'Landscaping',
        'm²',
        'B (important)',
        'In service',
        'Good',
      ]);
      const outsider = await t.factory.user('manager', [await t.factory.estate()]);
      await t.http
        .get(`${api}/assets/export.xlsx`)
        .query({ estateId: estate.id })
        .set(outsider.auth)
        .expect(403);
    });
  });

  describe('inspection → work order → acceptance → condition (closed loop)', () => {
    it('opens a work order from a failed inspection and restores the condition when it passes acceptance', async () => {
      t.clock.set('2026-10-01T02:00:00.000Z');
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const manager = await t.factory.user('manager', [estate]);
      const lot = await createAsset(technician, estate, {
        code: 'cp1',
        name: '地面停车场',
        categoryCode: 'car_park',
        measure: 2000,
        measureUnit: 'm2',
        locationText: '北门',
        initialCondition: 'good',
      });
      const plan = await t.http
        .post(`${api}/inspection-plans`)
        .set(manager.auth)
        .send({
          estateId: estate.id,
          name: '停车场周检',
          assetId: lot.id,
          checklist: [
            { id: 'surface', label: '路面无坑洼' },
            { id: 'markings', label: '标线清晰' },
          ],
          recurrence: { frequency: 'weekly', weekdays: [6] },
          startDate: '2026-10-01',
          assigneeRole: 'technician',
          priorityRule: { failedItem: 'routine', bad: 'urgent' },
        })
        .expect(201);
      // 2026-10-10 is a Saturday (ISO 6); 10:00 in Shanghai
      t.clock.set('2026-10-10T02:00:00.000Z');
      expect(await t.app.get(AssetTasksService).generateTasks(estate.id)).toMatchObject({
        date: '2026-10-10',
        created: 1,
      });
      const task = await t.dataSource.manager.findOneByOrFail(AssetTask, { planId: plan.body.id });

      // a mismatched checklist opens nothing
      await t.http
        .post(`${api}/asset-tasks/${task.id}/complete`)
        .set(technician.auth)
        .send({ itemResults: [{ itemId: 'surface', passed: false }], overallCondition: 'bad' })
        .expect(422);
      expect(await t.dataSource.manager.countBy(WorkOrder, { estateId: estate.id })).toBe(0);

      t.clock.set('2026-10-10T03:00:00.000Z');
      const completed = await t.http
        .post(`${api}/asset-tasks/${task.id}/complete`)
        .set(technician.auth)
        .send({
          itemResults: [
            { itemId: 'surface', passed: false, note: '3号车位塌陷' },
            { itemId: 'markings', passed: true },
          ],
          overallCondition: 'bad',
        })
        .expect(200);
      expect(completed.body.result.workOrderCode).toMatch(/^WO-2026-\d{6}$/);
      const order = await t.dataSource.manager.findOneByOrFail(WorkOrder, {
        id: completed.body.result.workOrderId,
      });
      // bad → urgent by the plan's rule (the failed item alone would be routine)
      expect(order).toMatchObject({
        estateId: estate.id,
        assetId: lot.id,
        channel: 'inspection',
        priority: 'urgent',
        status: 'reported',
      });
      expect(order.description).toContain('路面无坑洼');
      const inspectionRecord = await t.dataSource.manager.findOneByOrFail(AssetConditionRecord, {
        taskId: task.id,
      });
      expect(inspectionRecord).toMatchObject({ condition: 'bad', source: 'inspection' });
      expect(inspectionRecord.recordedAt.toISOString()).toBe('2026-10-10T03:00:00.000Z');

      // Repair through the work-order API.
      const wo = `${api}/work-orders/${order.id}`;
      t.clock.set('2026-10-10T03:10:00.000Z');
      await t.http
        .post(`${wo}/assign`)
        .set(manager.auth)
        .send({ assigneeId: technician.user.id, version: order.version })
        .expect(200);
      t.clock.set('2026-10-10T03:30:00.000Z');
      await t.http.post(`${wo}/start`).set(technician.auth).send({}).expect(200);
      t.clock.set('2026-10-10T08:00:00.000Z');
      await t.http
        .post(`${wo}/complete`)
        .set(technician.auth)
        .send({
          resolution: '修补路面',
          labourMinutes: 240,
          chargeable: false,
          materials: [{ name: '沥青', quantity: 2, unit: '袋', unitCostFen: 4500 }],
        })
        .expect(200);
      // a failed acceptance writes no condition record
      t.clock.set('2026-10-10T09:00:00.000Z');
      await t.http
        .post(`${wo}/accept`)
        .set(manager.auth)
        .send({ result: 'fail', by: 'supervisor', comment: '未压实' })
        .expect(200);
      expect(
        await t.dataSource.manager.countBy(AssetConditionRecord, { assetId: lot.id, source: 'work_order' }),
      ).toBe(0);
      t.clock.set('2026-10-11T02:00:00.000Z');
      await t.http.post(`${wo}/start`).set(technician.auth).send({}).expect(200);
      t.clock.set('2026-10-11T04:00:00.000Z');
      await t.http
        .post(`${wo}/complete`)
        .set(technician.auth)
        .send({ resolution: '重新压实', labourMinutes: 60, chargeable: false })
        .expect(200);
      t.clock.set('2026-10-11T05:00:00.000Z');
      await t.http
        .post(`${wo}/accept`)
        .set(manager.auth)
        .send({ result: 'pass', by: 'supervisor' })
        .expect(200);

      const restored = await t.dataSource.manager.findBy(AssetConditionRecord, {
        assetId: lot.id,
        source: 'work_order',
      });
      expect(restored).toHaveLength(1);
      expect(restored[0]).toMatchObject({
        condition: 'good',
        workOrderId: order.id,
        authorId: manager.user.id,
      });
      expect(restored[0].recordedAt.toISOString()).toBe('2026-10-11T05:00:00.000Z');

      // health of the 2000 m² car park: before the inspection 2000/2000, during 0/2000, after 2000/2000
      const before = await healthAt(manager, estate, '2026-10-10T02:59:59.999Z');
      expect(before.group('parking_lot')).toMatchObject({ totalMeasure: 2000, intactMeasure: 2000, rate: 1 });
      const during = await healthAt(manager, estate, '2026-10-11T04:59:59.999Z');
      expect(during.group('parking_lot')).toMatchObject({ totalMeasure: 2000, intactMeasure: 0, rate: 0 });
      expect(during.group('parking_lot').nonIntactAssets).toEqual([
        expect.objectContaining({ id: lot.id, condition: 'bad' }),
      ]);
      const after = await healthAt(manager, estate, '2026-10-11T05:00:00.000Z');
      expect(after.group('parking_lot')).toMatchObject({ intactMeasure: 2000, rate: 1 });

      // the timeline shows the inspection, the work order with its material cost (2 × 45.00 yuan) and the conditions
      const timeline = await t.http.get(`${api}/assets/${lot.id}/timeline`).set(manager.auth).expect(200);
      const entry = timeline.body.entries.find((item: { type: string }) => item.type === 'work_order');
      expect(entry.details).toMatchObject({ code: order.code, status: 'closed', materialCostFen: 9000 });
      expect(
        timeline.body.entries.filter((item: { type: string }) => item.type === 'condition'),
      ).toHaveLength(3);
      expect(
        timeline.body.entries.filter((item: { type: string }) => item.type === 'inspection'),
      ).toHaveLength(1);
    });
  });
});
