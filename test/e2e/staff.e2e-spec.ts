import ExcelJS from 'exceljs';
import { StaffComplianceService, StaffTraining } from '@estate/staff';
import { Estate } from '@estate/estates';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';

describe('staff (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-10-15T02:00:00.000Z' }); // 10:00 on 15 October in Shanghai
  });
  afterAll(async () => t.close());

  async function hire(manager: TestUser, estate: Estate, fields: Record<string, unknown>) {
    const response = await t.http
      .post('/api/v1/staff')
      .set(manager.auth)
      .send({ estateId: estate.id, hiredAt: '2020-01-01', ...fields })
      .expect(201);
    return response.body as { id: string; name: string };
  }
  const train = (manager: TestUser, staffId: string, fields: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/staff/${staffId}/trainings`)
      .set(manager.auth)
      .send({ course: '物业服务规范', category: 'professional', hours: 2, result: 'pass', ...fields });
  const certify = (manager: TestUser, staffId: string, fields: Record<string, unknown>) =>
    t.http
      .post(`/api/v1/staff/${staffId}/certificates`)
      .set(manager.auth)
      .send({ number: `T-${staffId.slice(-6)}`, authority: '应急管理局', ...fields });

  /** The scenario of docs/staff.md, built through the API. */
  async function scenario() {
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const m1 = await hire(manager, estate, { name: '经理甲', employeeNumber: 'M1', isManagement: true });
    await train(manager, m1.id, { trainedOn: '2026-03-01' }).expect(201);
    const m2 = await hire(manager, estate, { name: '主管乙', employeeNumber: 'M2', isManagement: true });
    await train(manager, m2.id, { trainedOn: '2026-05-01', result: 'fail' }).expect(201);
    await train(manager, m2.id, { trainedOn: '2026-06-01', category: 'safety' }).expect(201);
    const m3 = await hire(manager, estate, {
      name: '离职丙',
      employeeNumber: 'M3',
      isManagement: true,
      leftAt: '2026-09-01',
    });
    await train(manager, m3.id, { trainedOn: '2026-03-01' }).expect(201);
    await hire(manager, estate, {
      name: '新任丁',
      employeeNumber: 'M4',
      isManagement: true,
      hiredAt: '2026-11-05',
    });
    const m5 = await hire(manager, estate, { name: '主管戊', employeeNumber: 'M5', isManagement: true });
    await train(manager, m5.id, { trainedOn: '2025-10-31' }).expect(201); // one day outside the window
    const e1 = await hire(manager, estate, {
      name: '电工一',
      employeeNumber: 'S1',
      specialOperationRole: 'electrician',
    });
    const e1Certificate = await certify(manager, e1.id, {
      type: 'electrician',
      issuedAt: '2023-11-01',
      expiresAt: '2026-10-31',
    }).expect(201);
    const e2 = await hire(manager, estate, {
      name: '焊工二',
      employeeNumber: 'S2',
      specialOperationRole: 'welding',
    });
    await certify(manager, e2.id, {
      type: 'electrician',
      issuedAt: '2024-01-01',
      expiresAt: '2030-01-01',
    }).expect(201);
    const e3 = await hire(manager, estate, {
      name: '起重三',
      employeeNumber: 'S3',
      specialOperationRole: 'lifting',
    });
    await certify(manager, e3.id, {
      type: 'lifting',
      issuedAt: '2025-01-01',
      expiresAt: '2029-01-01',
    }).expect(201);
    return { estate, manager, m1, m2, m5, e1, e2, e3, e1Certificate: e1Certificate.body };
  }

  const names = (refs: { name: string }[]) => refs.map((ref) => ref.name);

  it('reports compliance as of dates before and after a certificate expiry', async () => {
    const { estate, manager } = await scenario();
    const on = async (asOf: string) =>
      (
        await t.http
          .get('/api/v1/staff/compliance')
          .query({ estateId: estate.id, asOf })
          .set(manager.auth)
          .expect(200)
      ).body;

    const october = await on('2026-10-31');
    // management active on 31 Oct: M1, M2, M5 (M3 left 1 Sep, M4 hired 5 Nov); only M1 passed a
    // professional training in 2025-11-01…2026-10-31 → 1/3
    expect(october.trainingFrom).toBe('2025-11-01');
    expect(october.managementTraining).toMatchObject({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(names(october.managementTraining.nonCompliant)).toEqual(['主管乙', '主管戊']);
    // special operations: S1 electrician certificate expires ON 31 Oct (still valid), S2 welder holds
    // only an electrician certificate, S3 valid lifting → 2/3
    expect(october.specialOperations).toMatchObject({ numerator: 2, denominator: 3, percent: 66.67 });
    expect(october.specialOperations.nonCompliant).toEqual([
      expect.objectContaining({
        name: '焊工二',
        specialOperationRole: 'welding',
        requiredCertificateType: 'welding',
      }),
    ]);

    const november = await on('2026-11-01');
    expect(november.specialOperations).toMatchObject({ numerator: 1, denominator: 3, percent: 33.33 });
    expect(names(november.specialOperations.nonCompliant)).toEqual(['电工一', '焊工二']);

    // the KPI methods read the last day of the period
    const service = t.app.get(StaffComplianceService);
    expect(await service.certifiedSpecialOpsRate(estate.id, '2026-10')).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
    expect(await service.certifiedSpecialOpsRate(estate.id, '2026-11')).toMatchObject({
      numerator: 1,
      denominator: 3,
    });
    // November: M4 is now active too, untrained → 1/4
    expect(await service.managementTrainingPassRate(estate.id, '2026-11')).toMatchObject({
      numerator: 1,
      denominator: 4,
      percent: 25,
    });
    // no staff at all is no data, not 100 %
    const empty = await t.factory.estate();
    expect(await service.managementTrainingPassRate(empty.id, '2026-10')).toMatchObject({
      numerator: 0,
      denominator: 0,
      percent: null,
    });
  });

  it('counts KPI #22/#23 by the role held on the period end, not the role held today', async () => {
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const kpi = t.app.get(StaffComplianceService);
    const ids = (result: { compliant: { staffId: string }[]; nonCompliant: { staffId: string }[] }) =>
      [...result.compliant, ...result.nonCompliant].map((member) => member.staffId).sort();
    // E: an electrician with a valid certificate since 2025; moved to a non-special job from 1 Sept 2026
    const e = await hire(manager, estate, {
      name: '电工丙',
      employeeNumber: 'E1',
      specialOperationRole: 'electrician',
    });
    await certify(manager, e.id, {
      type: 'electrician',
      issuedAt: '2025-01-01',
      expiresAt: '2031-01-01',
    }).expect(201);
    // S: promoted to management from 1 Oct 2026 (today is 15 Oct), trained in March
    const s = await hire(manager, estate, { name: '主管丁', employeeNumber: 'S1' });
    await train(manager, s.id, { trainedOn: '2026-03-01' }).expect(201);
    const change = (id: string, body: Record<string, unknown>) =>
      t.http.patch(`/api/v1/staff/${id}`).set(manager.auth).send(body);
    await change(e.id, { specialOperationRole: null, roleEffectiveFrom: '2026-09-01' }).expect(200);
    await change(s.id, { isManagement: true, roleEffectiveFrom: '2026-10-01' }).expect(200);

    // #23: E counted (and compliant) through August, not from September
    expect(await kpi.certifiedSpecialOpsRate(estate.id, '2026-08')).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    expect(ids(await kpi.certifiedSpecialOpsRate(estate.id, '2026-08'))).toEqual([e.id]);
    expect((await kpi.certifiedSpecialOpsRate(estate.id, '2026-09')).denominator).toBe(0);
    // #22: S not management on 30 Sept, management on 31 Oct
    expect((await kpi.managementTrainingPassRate(estate.id, '2026-09')).denominator).toBe(0);
    expect(await kpi.managementTrainingPassRate(estate.id, '2026-10')).toMatchObject({
      numerator: 1,
      denominator: 1,
    });
    // The profile shows the current role and its history.
    const detail = await t.http.get(`/api/v1/staff/${e.id}`).set(manager.auth).expect(200);
    expect(detail.body.specialOperationRole).toBeNull();
    expect(detail.body.roleHistory).toEqual([
      {
        validFrom: '1900-01-01',
        validUntil: '2026-09-01',
        isManagement: false,
        specialOperationRole: 'electrician',
      },
      { validFrom: '2026-09-01', validUntil: null, isManagement: false, specialOperationRole: null },
    ]);

    // A correction on the same day replaces that change; an earlier date or a future one is refused
    // and writes nothing; a date without a role change is refused.
    await change(e.id, { specialOperationRole: 'welding', roleEffectiveFrom: '2026-09-01' }).expect(200);
    expect(
      (await kpi.certifiedSpecialOpsRate(estate.id, '2026-09')).nonCompliant.map((m) => m.staffId),
    ).toEqual([e.id]);
    const before = await t.http.get(`/api/v1/staff/${e.id}`).set(manager.auth).expect(200);
    const earlier = await change(e.id, {
      specialOperationRole: null,
      roleEffectiveFrom: '2026-08-15',
    }).expect(422);
    expect(earlier.body).toMatchObject({
      code: 'ROLE_CHANGE_BEFORE_LAST',
      details: { lastChange: '2026-09-01' },
    });
    const future = await change(e.id, { specialOperationRole: null, roleEffectiveFrom: '2026-10-16' }).expect(
      400,
    );
    expect(future.body.code).toBe('ROLE_CHANGE_IN_FUTURE');
    const unchanged = await change(e.id, { name: '电工丙', roleEffectiveFrom: '2026-10-01' }).expect(400);
    expect(unchanged.body.code).toBe('ROLE_UNCHANGED');
    expect((await t.http.get(`/api/v1/staff/${e.id}`).set(manager.auth).expect(200)).body).toEqual(
      before.body,
    );
    // Without a date the change takes effect today (15 Oct in Shanghai)
    await change(e.id, { specialOperationRole: null }).expect(200);
    const after = await t.http.get(`/api/v1/staff/${e.id}`).set(manager.auth).expect(200);
    expect(after.body.roleHistory.map((period: { validFrom: string }) => period.validFrom)).toEqual([
      '1900-01-01',
      '2026-09-01',
      '2026-10-15',
    ]);
  });

  it('lets an admin edit the role → certificate mapping', async () => {
    const { estate, manager } = await scenario();
    const admin = await t.factory.user('admin');
    const defaults = await t.http.get('/api/v1/staff/certificate-requirements').set(manager.auth).expect(200);
    expect(defaults.body).toHaveLength(9);
    expect(defaults.body).toContainEqual({ role: 'welding', certificateType: 'welding' });
    await t.http
      .put('/api/v1/staff/certificate-requirements/welding')
      .set(manager.auth)
      .send({ certificateType: 'electrician' })
      .expect(403);
    const unknownRole = await t.http
      .put('/api/v1/staff/certificate-requirements/juggler')
      .set(admin.auth)
      .send({ certificateType: 'electrician' })
      .expect(400);
    expect(unknownRole.body.code).toBe('ROLE_UNKNOWN');
    try {
      await t.http
        .put('/api/v1/staff/certificate-requirements/welding')
        .set(admin.auth)
        .send({ certificateType: 'electrician' })
        .expect(200);
      const after = await t.http
        .get('/api/v1/staff/compliance')
        .query({ estateId: estate.id, asOf: '2026-10-31' })
        .set(manager.auth)
        .expect(200);
      // S2 now counts with the electrician certificate they hold → 3/3
      expect(after.body.specialOperations).toMatchObject({ numerator: 3, denominator: 3, nonCompliant: [] });
    } finally {
      await t.http
        .put('/api/v1/staff/certificate-requirements/welding')
        .set(admin.auth)
        .send({ certificateType: 'welding' })
        .expect(200);
    }
  });

  it('records daily warnings once per estate and date', async () => {
    t.clock.set('2026-10-15T02:00:00Z');
    const { estate, manager, e1, e2, e1Certificate } = await scenario();
    const first = await t.http
      .post('/api/v1/staff/warnings/run')
      .query({ estateId: estate.id })
      .set(manager.auth)
      .expect(200);
    // S1's certificate expires 31 Oct (within 60 days of 15 Oct); S2 lacks a welding certificate
    expect(first.body).toEqual({ outcome: 'ran', date: '2026-10-15', created: 2 });
    const again = await t.http
      .post('/api/v1/staff/warnings/run')
      .query({ estateId: estate.id })
      .set(manager.auth)
      .expect(200);
    expect(again.body).toEqual({ outcome: 'skipped', date: '2026-10-15', created: 0 });
    // even bypassing the ledger, the same day's warnings are not written twice
    expect(await t.app.get(StaffComplianceService).recordWarnings(estate.id, '2026-10-15')).toBe(0);

    const list = await t.http
      .get('/api/v1/staff/warnings')
      .query({ estateId: estate.id })
      .set(manager.auth)
      .expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        kind: 'certificate_expiring',
        staffId: e1.id,
        certificateId: e1Certificate.id,
        warnedOn: '2026-10-15',
      }),
      expect.objectContaining({ kind: 'missing_required_certificate', staffId: e2.id, certificateId: null }),
    ]);
  });

  it('refuses bad input with nothing written', async () => {
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const member = await hire(manager, estate, { name: '员工', employeeNumber: 'E1', isManagement: true });
    // today in the estate is 2026-10-15
    const future = await train(manager, member.id, { trainedOn: '2026-10-16' }).expect(422);
    expect(future.body.code).toBe('TRAINING_DATE_IN_FUTURE');
    await train(manager, member.id, { trainedOn: '2026-10-15' }).expect(201);
    const backwards = await certify(manager, member.id, {
      type: 'electrician',
      issuedAt: '2026-01-01',
      expiresAt: '2025-12-31',
    }).expect(400);
    expect(backwards.body.code).toBe('CERTIFICATE_DATES_INVALID');
    await certify(manager, member.id, {
      type: 'electrician',
      issuedAt: '2026-01-01',
      expiresAt: '2026-01-01',
    }).expect(400);
    const duplicate = await t.http
      .post('/api/v1/staff')
      .set(manager.auth)
      .send({ estateId: estate.id, name: '重复', employeeNumber: 'E1', hiredAt: '2021-01-01' })
      .expect(409);
    expect(duplicate.body.code).toBe('EMPLOYEE_NUMBER_TAKEN');
    const leftBeforeHired = await t.http
      .post('/api/v1/staff')
      .set(manager.auth)
      .send({
        estateId: estate.id,
        name: '某',
        employeeNumber: 'E2',
        hiredAt: '2021-01-01',
        leftAt: '2020-01-01',
      })
      .expect(400);
    expect(leftBeforeHired.body.code).toBe('EMPLOYMENT_DATES_INVALID');
    await t.http
      .post('/api/v1/staff')
      .set(manager.auth)
      .send({
        estateId: estate.id,
        name: '某',
        employeeNumber: 'E3',
        hiredAt: '2021-01-01',
        specialOperationRole: 'juggler',
      })
      .expect(400);

    const detail = await t.http.get(`/api/v1/staff/${member.id}`).set(manager.auth).expect(200);
    expect(detail.body.trainings).toHaveLength(1);
    expect(detail.body.trainings[0]).toMatchObject({ trainedOn: '2026-10-15', hours: 2 });
    expect(detail.body.certificates).toEqual([]);
    const list = await t.http
      .get('/api/v1/staff')
      .query({ estateId: estate.id })
      .set(manager.auth)
      .expect(200);
    expect(list.body.total).toBe(1);
  });

  it('imports training records from xlsx all-or-nothing', async () => {
    const estate = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const member = await hire(manager, estate, { name: '员工', employeeNumber: 'X1', isManagement: true });
    const workbook = async (rows: (string | number)[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('培训');
      sheet.addRow(['工号', '课程', '类别', '日期', '学时', '结果', '成绩', '讲师']);
      for (const row of rows) sheet.addRow(row);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const upload = (buffer: Buffer) =>
      t.http
        .post('/api/v1/staff/trainings/import')
        .query({ estateId: estate.id })
        .set(manager.auth)
        .attach('file', buffer, 'trainings.xlsx');

    const bad = await upload(
      await workbook([
        ['X1', '消防安全', '安全', '2026-09-01', 1.5, '合格', 90, '王老师'],
        ['NOPE', '服务礼仪', 'service', '2026-09-02', 2, 'pass', '', ''],
        ['X1', '物业法规', 'professional', '2026-12-01', 2, 'maybe', 101, ''],
      ]),
    ).expect(422);
    expect(bad.body.code).toBe('IMPORT_ROWS_INVALID');
    expect(bad.body.details.errors).toEqual([
      expect.objectContaining({ row: 3, field: 'employeeNumber' }),
      expect.objectContaining({ row: 4, field: 'trainedOn' }),
      expect.objectContaining({ row: 4, field: 'result' }),
      expect.objectContaining({ row: 4, field: 'score' }),
    ]);
    expect(await t.dataSource.getRepository(StaffTraining).countBy({ staffId: member.id })).toBe(0);

    const good = await upload(
      await workbook([
        ['X1', '消防安全', '安全', '2026-09-01', 1.5, '合格', 90, '王老师'],
        ['X1', '物业法规', 'professional', '2026-09-02', 2, 'pass', '', ''],
      ]),
    ).expect(201);
    expect(good.body).toEqual({ imported: 2 });
    const detail = await t.http.get(`/api/v1/staff/${member.id}`).set(manager.auth).expect(200);
    expect(detail.body.trainings).toEqual([
      expect.objectContaining({
        course: '物业法规',
        category: 'professional',
        result: 'pass',
        hours: 2,
        score: null,
      }),
      expect.objectContaining({
        course: '消防安全',
        category: 'safety',
        hours: 1.5,
        score: 90,
        trainer: '王老师',
      }),
    ]);
  });

  it('applies roles and estate scope', async () => {
    const estate = await t.factory.estate();
    const other = await t.factory.estate();
    const manager = await t.factory.user('manager', [estate]);
    const outsider = await t.factory.user('manager', [other]);
    const desk = await t.factory.user('front_desk', [estate]);
    const member = await hire(manager, estate, { name: '员工', employeeNumber: 'R1' });
    expect(
      (
        await t.http
          .post('/api/v1/staff')
          .set(desk.auth)
          .send({ estateId: estate.id, name: 'x', employeeNumber: 'R2', hiredAt: '2020-01-01' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    await t.http
      .post('/api/v1/staff')
      .set(outsider.auth)
      .send({ estateId: estate.id, name: 'x', employeeNumber: 'R2', hiredAt: '2020-01-01' })
      .expect(403);
    await t.http
      .get('/api/v1/staff/compliance')
      .query({ estateId: estate.id })
      .set(outsider.auth)
      .expect(403);
    await t.http.get('/api/v1/staff/warnings').query({ estateId: estate.id }).set(outsider.auth).expect(403);
    await t.http.get(`/api/v1/staff/${member.id}`).set(outsider.auth).expect(404);
    await train(outsider, member.id, { trainedOn: '2026-01-01' }).expect(404);
    await t.http.get('/api/v1/staff/compliance').query({ estateId: estate.id }).set(desk.auth).expect(403);
    expect((await t.http.get('/api/v1/staff').set(outsider.auth).expect(200)).body.total).toBe(0);
  });
});
