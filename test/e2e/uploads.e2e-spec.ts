import { Asset } from '@estate/assets';
import { Building, IMPORT_MAX_ROWS, IMPORT_MAX_UNCOMPRESSED_BYTES } from '@estate/estates';
import { createTestApp, TestApp } from '../support/test-app';
import { bombSheet, sheetXml, workbookParts, zipOf } from '../support/xlsx-files';

/**
 * Issue #22, findings 8 and 13 (b, c): an upload costs one request, never the service. A 400 KB
 * workbook whose sheet inflates to 400 MiB is refused with 413 IMPORT_TOO_LARGE before it is unpacked
 * (the zip's directory says so) or while it is (when the directory lies), a file with more rows than the
 * documented cap is refused with 422 IMPORT_TOO_MANY_ROWS, an empty or binary file answers with a code
 * instead of "201, 0 rows" — and after each, a normal import still succeeds.
 */
describe('Uploads: bounded imports (e2e)', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  const MiB = 1024 * 1024;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  const goodRegistry = (number: string) =>
    zipOf(
      workbookParts([
        {
          name: 'Buildings',
          part: sheetXml([
            ['number', 'name'],
            [number, `${number}座`],
          ]),
        },
      ]),
    );

  async function manager() {
    const estate = await t.factory.estate();
    const { auth } = await t.factory.user('manager', [estate]);
    return { estate, auth };
  }

  it('refuses a 400 MiB decompression bomb with 413 IMPORT_TOO_LARGE, then imports a normal workbook', async () => {
    const { estate, auth } = await manager();
    const bomb = zipOf(workbookParts([{ name: 'Buildings', part: await bombSheet(['number'], 400 * MiB) }]));
    expect(bomb.length).toBeLessThan(MiB);
    const heapBefore = process.memoryUsage().heapUsed;
    const refused = await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', bomb, 'registry.xlsx')
      .expect(413);
    expect(refused.body).toMatchObject({
      statusCode: 413,
      code: 'IMPORT_TOO_LARGE',
      details: { limitBytes: IMPORT_MAX_UNCOMPRESSED_BYTES },
    });
    expect(refused.body.message).toMatch(/MiB/);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * MiB);

    const imported = await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', goodRegistry('A'), 'registry.xlsx')
      .expect(201);
    expect(imported.body).toEqual({ buildings: 1, units: 0, residents: 0 });
  });

  it('stops inflating a bomb whose zip directory understates its size', async () => {
    const { estate, auth } = await manager();
    const lying = zipOf(
      workbookParts([{ name: 'Buildings', part: await bombSheet(['number'], 400 * MiB, 4096) }]),
    );
    const refused = await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', lying, 'registry.xlsx')
      .expect(413);
    expect(refused.body.code).toBe('IMPORT_TOO_LARGE');
    await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', goodRegistry('B'), 'registry.xlsx')
      .expect(201);
  });

  it('refuses bombs on the asset and training imports too', async () => {
    const estate = await t.factory.estate();
    const technician = await t.factory.user('technician', [estate]);
    const boss = await t.factory.user('manager', [estate]);
    const bomb = zipOf(workbookParts([{ name: 'Assets', part: await bombSheet(['code'], 100 * MiB) }]));
    expect(
      (
        await t.http
          .post('/api/v1/assets/import')
          .set(technician.auth)
          .field('estateId', estate.id)
          .attach('file', bomb, 'ledger.xlsx')
          .expect(413)
      ).body.code,
    ).toBe('IMPORT_TOO_LARGE');
    expect(
      (
        await t.http
          .post('/api/v1/staff/trainings/import')
          .query({ estateId: estate.id })
          .set(boss.auth)
          .attach('file', bomb, 'trainings.xlsx')
          .expect(413)
      ).body.code,
    ).toBe('IMPORT_TOO_LARGE');
    expect(await t.dataSource.manager.countBy(Asset, { estateId: estate.id })).toBe(0);
  });

  it(`caps imports at ${IMPORT_MAX_ROWS} rows (xlsx and CSV) with 422 IMPORT_TOO_MANY_ROWS`, async () => {
    const { estate, auth } = await manager();
    const rows = [['number'], ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, index) => [`N${index}`])];
    const workbook = zipOf(workbookParts([{ name: 'Buildings', part: sheetXml(rows) }]));
    const refused = await t.http
      .post(`/api/v1/estates/${estate.id}/import`)
      .set(auth)
      .attach('file', workbook, 'registry.xlsx')
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'IMPORT_TOO_MANY_ROWS',
      details: { limitRows: IMPORT_MAX_ROWS },
    });
    const csv = Buffer.from(rows.map((cells) => cells.join(',')).join('\n'), 'utf8');
    const refusedCsv = await t.http
      .post(`/api/v1/estates/${estate.id}/import?kind=buildings`)
      .set(auth)
      .attach('file', csv, 'buildings.csv')
      .expect(422);
    expect(refusedCsv.body).toMatchObject({
      code: 'IMPORT_TOO_MANY_ROWS',
      details: { limitRows: IMPORT_MAX_ROWS },
    });
    expect(await t.dataSource.manager.countBy(Building, { estateId: estate.id })).toBe(0);

    // Exactly at the cap is fine.
    const atCap = Buffer.from(
      rows
        .slice(0, IMPORT_MAX_ROWS + 1)
        .map((cells) => cells.join(','))
        .join('\n'),
      'utf8',
    );
    expect(
      (
        await t.http
          .post(`/api/v1/estates/${estate.id}/import?kind=buildings`)
          .set(auth)
          .attach('file', atCap, 'buildings.csv')
          .expect(201)
      ).body.buildings,
    ).toBe(IMPORT_MAX_ROWS);
  });

  it('answers an empty or binary "CSV" and an empty workbook with a code, not 201 with 0 rows', async () => {
    const { estate, auth } = await manager();
    const upload = (file: Buffer, name: string, kind = 'units') =>
      t.http.post(`/api/v1/estates/${estate.id}/import?kind=${kind}`).set(auth).attach('file', file, name);

    expect((await upload(Buffer.alloc(0), 'units.csv').expect(422)).body.code).toBe('IMPORT_EMPTY');
    expect(
      (await upload(Buffer.from('building,number,floorArea\n'), 'units.csv').expect(422)).body.code,
    ).toBe('IMPORT_EMPTY');
    const binary = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff,
    ]);
    expect((await upload(binary, 'units.csv').expect(400)).body.code).toBe('FILE_UNREADABLE');
    expect((await upload(goodRegistry('X'), 'units.csv').expect(400)).body.code).toBe('FILE_UNREADABLE');
    const emptyBook = zipOf(workbookParts([{ name: 'Buildings', part: sheetXml([['number', 'name']]) }]));
    expect((await upload(emptyBook, 'registry.xlsx').expect(422)).body.code).toBe('IMPORT_EMPTY');
    expect(await t.dataSource.manager.countBy(Building, { estateId: estate.id })).toBe(0);
  });
});
