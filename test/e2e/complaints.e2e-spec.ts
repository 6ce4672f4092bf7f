import ExcelJS from 'exceljs';
import { ComplaintsService } from '@estate/complaints';
import { AuditEntry, JobRun } from '@estate/database';
import { Estate, Unit } from '@estate/estates';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';

describe('complaints (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function estateWithDesk(occupiedUnits = 2) {
    const estate = await t.factory.estate();
    const units: Unit[] = [];
    for (let index = 0; index < occupiedUnits; index++) {
      const unit = await t.factory.unit(estate);
      await t.factory.resident(unit);
      units.push(unit);
    }
    const desk = await t.factory.user('front_desk', [estate]);
    const manager = await t.factory.user('manager', [estate]);
    return { estate, units, desk, manager };
  }

  async function intake(estate: Estate, user: TestUser, extra: Record<string, unknown> = {}) {
    const response = await t.http
      .post('/api/v1/complaints')
      .set(user.auth)
      .send({
        estateId: estate.id,
        channel: 'phone',
        categories: ['cleanliness'],
        description: '楼道垃圾三天未清理',
        contactName: '王先生',
        contactPhone: '13812345678',
        ...extra,
      })
      .expect(201);
    return response.body;
  }

  const step = (user: TestUser, id: string, action: string, body: Record<string, unknown> = {}) =>
    t.http.post(`/api/v1/complaints/${id}/${action}`).set(user.auth).send(body);

  async function auditCount(entityId: string): Promise<number> {
    return t.dataSource.getRepository(AuditEntry).countBy({ entityType: 'complaint', entityId });
  }

  it('keeps photos and documents of a complaint, recognised by content, in its estate only', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, desk, manager } = await estateWithDesk();
    const created = await intake(estate, desk);
    // A 1×1 PNG: the signature is what counts, not the file name or the client's content type.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const uploaded = await t.http
      .post(`/api/v1/complaints/${created.id}/attachments`)
      .set(desk.auth)
      .attach('file', png, '现场照片.jpg')
      .expect(201);
    expect(uploaded.body.attachments).toEqual([
      expect.objectContaining({
        fileName: '现场照片.jpg',
        contentType: 'image/png',
        sizeBytes: png.length,
        uploadedByName: desk.user.displayName,
        uploadedAt: '2026-10-15T10:00:00.000Z',
      }),
    ]);
    const attachmentId = uploaded.body.attachments[0].id;
    const download = await t.http
      .get(`/api/v1/complaints/${created.id}/attachments/${attachmentId}`)
      .set(manager.auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.body as Buffer, png)).toBe(0);

    const text = await t.http
      .post(`/api/v1/complaints/${created.id}/attachments`)
      .set(desk.auth)
      .attach('file', Buffer.from('not an image'), 'note.png')
      .expect(400);
    expect(text.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(
      (await t.http.post(`/api/v1/complaints/${created.id}/attachments`).set(desk.auth).expect(400)).body
        .code,
    ).toBe('ATTACHMENT_REQUIRED');
    const other = await estateWithDesk();
    await t.http
      .post(`/api/v1/complaints/${created.id}/attachments`)
      .set(other.desk.auth)
      .attach('file', png, 'x.png')
      .expect(404);
    await t.http
      .get(`/api/v1/complaints/${created.id}/attachments/${attachmentId}`)
      .set(other.manager.auth)
      .expect(404);
    const detail = await t.http.get(`/api/v1/complaints/${created.id}`).set(manager.auth).expect(200);
    expect(detail.body.attachments).toHaveLength(1);
    expect(detail.body.history.map((entry: { action: string }) => entry.action)).toEqual([
      'receive',
      'attach',
    ]);
  });

  it('takes a valid complaint through judge, assign, resolve, follow-up and close, with history', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, units, desk, manager } = await estateWithDesk();
    const technician = await t.factory.user('technician', [estate]);
    const created = await intake(estate, desk, { unitId: units[0].id, categories: ['cleanliness', 'fees'] });
    expect(created).toMatchObject({
      code: 'CP-2026-000001',
      status: 'received',
      contactPhone: '13812345678',
      categories: ['cleanliness', 'fees'],
      receivedAt: '2026-10-15T10:00:00.000Z',
      // default deadlines: first response 24 h, resolution 72 h
      firstResponseDueAt: '2026-10-16T10:00:00.000Z',
      resolutionDueAt: '2026-10-18T10:00:00.000Z',
      allowedActions: ['judge'],
      version: 1,
    });
    const second = await intake(estate, desk);
    expect(second.code).toBe('CP-2026-000002');

    t.clock.set('2026-10-15T11:00:00Z');
    const judged = await step(manager, created.id, 'judge', { validity: 'valid', version: 1 }).expect(200);
    expect(judged.body).toMatchObject({
      status: 'valid',
      validity: 'valid',
      judgedAt: '2026-10-15T11:00:00.000Z',
      judgedByName: manager.user.displayName,
      version: 2,
    });
    // a stale version is refused
    const stale = await step(desk, created.id, 'assign', { department: '保洁部', version: 1 }).expect(409);
    expect(stale.body.code).toBe('CONCURRENT_MODIFICATION');
    // the assignee must be staff of this estate
    const outsider = await t.factory.user('technician', []);
    const badAssignee = await step(desk, created.id, 'assign', { assigneeUserId: outsider.user.id }).expect(
      422,
    );
    expect(badAssignee.body.code).toBe('ASSIGNEE_NOT_FOUND');
    const assigned = await step(desk, created.id, 'assign', {
      department: '保洁部',
      assigneeUserId: technician.user.id,
      version: 2,
    }).expect(200);
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      assigneeDepartment: '保洁部',
      assigneeName: technician.user.displayName,
    });
    t.clock.set('2026-10-16T09:00:00Z');
    await step(technician, created.id, 'resolve', { resolution: '已清理并加派班次' }).expect(200);
    t.clock.set('2026-10-17T09:00:00Z');
    await step(desk, created.id, 'follow-up', { satisfaction: 'satisfied', comment: '很满意' }).expect(200);
    const closed = await step(desk, created.id, 'close', {}).expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closedAt: '2026-10-17T09:00:00.000Z',
      allowedActions: [],
    });

    const unknownOrder = await t.http
      .post(`/api/v1/complaints/${created.id}/work-orders`)
      .set(desk.auth)
      .send({ workOrderId: '019a0000-0000-7000-8000-000000000001', relation: 'fixes' })
      .expect(422);
    expect(unknownOrder.body.code).toBe('WORK_ORDER_NOT_FOUND');
    const order = await t.http
      .post('/api/v1/work-orders')
      .set(desk.auth)
      .send({
        estateId: estate.id,
        locationText: '2号楼大堂',
        category: 'other',
        priority: 'routine',
        channel: 'phone',
        description: '大堂清洁与照明',
      })
      .expect(201);
    const workOrderId: string = order.body.id;
    await t.http
      .post(`/api/v1/complaints/${created.id}/work-orders`)
      .set(desk.auth)
      .send({ workOrderId, relation: 'fixes' })
      .expect(201);
    const duplicate = await t.http
      .post(`/api/v1/complaints/${created.id}/work-orders`)
      .set(desk.auth)
      .send({ workOrderId, relation: 'fixes' })
      .expect(409);
    expect(duplicate.body.code).toBe('WORK_ORDER_ALREADY_LINKED');

    const detail = await t.http.get(`/api/v1/complaints/${created.id}`).set(manager.auth).expect(200);
    expect(detail.body.workOrders).toEqual([
      { workOrderId, relation: 'fixes', linkedAt: '2026-10-17T09:00:00.000Z' },
    ]);
    expect(detail.body.history.map((entry: { action: string }) => entry.action)).toEqual([
      'receive',
      'judge',
      'assign',
      'resolve',
      'follow_up',
      'close',
      'link_work_order',
    ]);
    expect(detail.body.history[1]).toMatchObject({ fromState: 'received', toState: 'valid' });

    const list = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id })
      .set(desk.auth)
      .expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((item: { contactPhone: string }) => item.contactPhone)).toEqual([
      '138****5678',
      '138****5678',
    ]);
    const closedOnly = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id, status: 'closed' })
      .set(desk.auth)
      .expect(200);
    expect(closedOnly.body.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    // the order's detail links back: the complaints linked to a work order
    const byOrder = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id, workOrderId })
      .set(desk.auth)
      .expect(200);
    expect(byOrder.body.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    const otherOrder = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id, workOrderId: '019a0000-0000-7000-8000-000000000001' })
      .set(desk.auth)
      .expect(200);
    expect(otherOrder.body.total).toBe(0);
  });

  it('closes an invalid complaint only with a reason and an answer to the resident', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, desk } = await estateWithDesk();
    const complaint = await intake(estate, desk);
    const noReason = await step(desk, complaint.id, 'judge', { validity: 'invalid' }).expect(400);
    expect(noReason.body.code).toBe('INVALID_REASON_REQUIRED');
    const validWithReason = await step(desk, complaint.id, 'judge', {
      validity: 'valid',
      invalidReason: 'unfounded',
    }).expect(400);
    expect(validWithReason.body.code).toBe('INVALID_REASON_NOT_ALLOWED');
    expect(await auditCount(complaint.id)).toBe(1);

    const judged = await step(desk, complaint.id, 'judge', {
      validity: 'invalid',
      invalidReason: 'developer_defect',
      note: '外墙渗水属开发商保修范围',
    }).expect(200);
    expect(judged.body).toMatchObject({
      status: 'invalid',
      invalidReason: 'developer_defect',
      allowedActions: ['close'],
    });
    // an invalid complaint cannot be assigned
    const assign = await step(desk, complaint.id, 'assign', { department: '工程部' }).expect(409);
    expect(assign.body.details.allowed).toEqual(['close']);
    const silent = await step(desk, complaint.id, 'close', {}).expect(400);
    expect(silent.body.code).toBe('CLOSING_NOTE_REQUIRED');
    const closed = await step(desk, complaint.id, 'close', { note: '已告知业主联系开发商保修' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', closingNote: '已告知业主联系开发商保修' });
  });

  it('refuses out-of-order steps with 409 and the allowed moves, writing nothing', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, desk } = await estateWithDesk();
    const complaint = await intake(estate, desk);
    const early = await step(desk, complaint.id, 'resolve', { resolution: '处理完毕' }).expect(409);
    expect(early.body).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      details: { from: 'received', action: 'resolve', allowed: ['judge'] },
    });
    await step(desk, complaint.id, 'judge', { validity: 'valid' }).expect(200);
    const twice = await step(desk, complaint.id, 'judge', {
      validity: 'invalid',
      invalidReason: 'duplicate',
    }).expect(409);
    expect(twice.body.code).toBe('TRANSITION_NOT_ALLOWED');
    const closeValid = await step(desk, complaint.id, 'close', { note: '结束' }).expect(409);
    expect(closeValid.body.details).toEqual({ from: 'valid', action: 'close', allowed: ['assign'] });
    await step(desk, complaint.id, 'assign', { department: '工程部' }).expect(200);
    await step(desk, complaint.id, 'resolve', { resolution: '已修复' }).expect(200);
    const closeUnvisited = await step(desk, complaint.id, 'close', {}).expect(409);
    expect(closeUnvisited.body.details.allowed).toEqual(['follow_up']);

    const detail = await t.http.get(`/api/v1/complaints/${complaint.id}`).set(desk.auth).expect(200);
    expect(detail.body).toMatchObject({ status: 'resolved', validity: 'valid', closedAt: null, version: 4 });
    expect(await auditCount(complaint.id)).toBe(4); // receive, judge, assign, resolve

    const bad = await t.http
      .post('/api/v1/complaints')
      .set(desk.auth)
      .send({ estateId: estate.id, channel: 'fax', categories: [], description: '' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const future = await t.http
      .post('/api/v1/complaints')
      .set(desk.auth)
      .send({
        estateId: estate.id,
        channel: 'phone',
        categories: ['noise_neighbours'],
        description: '楼上噪音',
        receivedAt: '2026-10-16T10:00:00Z',
      })
      .expect(400);
    expect(future.body.code).toBe('TIME_IN_FUTURE');
    const otherEstate = await t.factory.estate();
    const foreignUnit = await t.factory.unit(otherEstate);
    const wrongUnit = await t.http
      .post('/api/v1/complaints')
      .set(desk.auth)
      .send({
        estateId: estate.id,
        channel: 'phone',
        categories: ['other'],
        description: 'x',
        unitId: foreignUnit.id,
      })
      .expect(422);
    expect(wrongUnit.body.code).toBe('UNIT_NOT_FOUND');
    const list = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id })
      .set(desk.auth)
      .expect(200);
    expect(list.body.total).toBe(1);
  });

  it('flags overdue complaints once, recording when the sweep first saw it', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, desk } = await estateWithDesk();
    const silent = await intake(estate, desk);
    const answered = await intake(estate, desk);
    const rejected = await intake(estate, desk);
    t.clock.set('2026-10-15T12:00:00Z');
    await step(desk, answered.id, 'judge', { validity: 'valid' }).expect(200);
    await step(desk, rejected.id, 'judge', { validity: 'invalid', invalidReason: 'unfounded' }).expect(200);
    const service = t.app.get(ComplaintsService);

    // 23 h after intake: nothing due yet
    t.clock.set('2026-10-16T09:00:00Z');
    expect(await service.sweepOverdue(estate.id)).toEqual({ firstResponseOverdue: 0, resolutionOverdue: 0 });
    // 25 h: the unjudged one missed its first response (24 h)
    t.clock.set('2026-10-16T11:00:00Z');
    expect(await service.sweepOverdue(estate.id)).toEqual({ firstResponseOverdue: 1, resolutionOverdue: 0 });
    t.clock.set('2026-10-16T11:30:00Z');
    expect(await service.sweepOverdue(estate.id)).toEqual({ firstResponseOverdue: 0, resolutionOverdue: 0 });
    // 73 h: the unjudged and the valid unresolved ones missed resolution (72 h); the invalid one has no resolution deadline
    t.clock.set('2026-10-18T11:00:00Z');
    expect(await service.sweepOverdue(estate.id)).toEqual({ firstResponseOverdue: 0, resolutionOverdue: 2 });

    const view = async (id: string) =>
      (await t.http.get(`/api/v1/complaints/${id}`).set(desk.auth).expect(200)).body;
    expect(await view(silent.id)).toMatchObject({
      firstResponseOverdueAt: '2026-10-16T11:00:00.000Z',
      resolutionOverdueAt: '2026-10-18T11:00:00.000Z',
      version: 1, // flags do not make pending edits stale
    });
    expect(await view(answered.id)).toMatchObject({
      firstResponseOverdueAt: null,
      resolutionOverdueAt: '2026-10-18T11:00:00.000Z',
    });
    expect(await view(rejected.id)).toMatchObject({
      firstResponseOverdueAt: null,
      resolutionOverdueAt: null,
    });
    const overdue = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id, overdue: 'true' })
      .set(desk.auth)
      .expect(200);
    expect(overdue.body.total).toBe(2);

    // the scheduled path runs once per slot through the job ledger
    t.clock.set('2026-10-18T11:02:00Z');
    await service.runScheduledSweep();
    await service.runScheduledSweep();
    const runs = await t.dataSource
      .getRepository(JobRun)
      .findBy({ jobName: 'complaints.overdue-sweep', businessKey: `${estate.id}:2026-10-18T11:00:00.000Z` });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('a judgement typed in late but dated in time (the paper form) clears the flag the sweep set meanwhile', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, desk } = await estateWithDesk();
    const onPaper = await intake(estate, desk);
    const late = await intake(estate, desk);
    const service = t.app.get(ComplaintsService);
    t.clock.set('2026-10-16T11:00:00Z'); // 25 h: both missed their first response as far as anyone knows
    expect(await service.sweepOverdue(estate.id)).toEqual({ firstResponseOverdue: 2, resolutionOverdue: 0 });

    t.clock.set('2026-10-16T12:00:00Z');
    // answered by phone at 20 h (within 24 h), written down now
    await step(desk, onPaper.id, 'judge', { validity: 'valid', judgedAt: '2026-10-16T06:00:00Z' }).expect(
      200,
    );
    // answered at 25.5 h: still late, and the flag keeps when the sweep first saw it
    await step(desk, late.id, 'judge', { validity: 'valid', judgedAt: '2026-10-16T11:30:00Z' }).expect(200);
    const view = async (id: string) =>
      (await t.http.get(`/api/v1/complaints/${id}`).set(desk.auth).expect(200)).body;
    expect(await view(onPaper.id)).toMatchObject({
      judgedAt: '2026-10-16T06:00:00.000Z',
      firstResponseOverdueAt: null,
    });
    expect(await view(late.id)).toMatchObject({
      judgedAt: '2026-10-16T11:30:00.000Z',
      firstResponseOverdueAt: '2026-10-16T11:00:00.000Z',
    });
  });

  it('computes the summary and KPI #20/#21 from timestamps (backlog-inclusive)', async () => {
    // 5 occupied units + 1 vacant one: households = 5
    const { estate, desk } = await estateWithDesk(5);
    await t.factory.unit(estate);
    const service = t.app.get(ComplaintsService);
    const at = (instant: string) => t.clock.set(instant);
    const resolveValid = async (id: string) => {
      await step(desk, id, 'assign', { department: '客服部' }).expect(200);
      await step(desk, id, 'resolve', { resolution: '已处理' }).expect(200);
    };
    // C1: September, valid, resolved 2026-10-31 23:30 Shanghai (15:30Z) → open in October, resolved in it
    at('2026-09-10T02:00:00Z');
    const c1 = await intake(estate, desk);
    await step(desk, c1.id, 'judge', { validity: 'valid' }).expect(200);
    // C2: September, valid, resolved in September → not open in October
    at('2026-09-12T02:00:00Z');
    const c2 = await intake(estate, desk);
    await step(desk, c2.id, 'judge', { validity: 'valid' }).expect(200);
    at('2026-09-20T02:00:00Z');
    await resolveValid(c2.id);
    // C3: October, valid, never resolved
    at('2026-10-20T02:00:00Z');
    const c3 = await intake(estate, desk);
    await step(desk, c3.id, 'judge', { validity: 'valid' }).expect(200);
    // C4: October, invalid (developer defect) → excluded from #20 and #21
    at('2026-10-25T02:00:00Z');
    const c4 = await intake(estate, desk);
    await step(desk, c4.id, 'judge', { validity: 'invalid', invalidReason: 'developer_defect' }).expect(200);
    // C5: October, valid, resolved 2026-11-01 00:30 Shanghai (2026-10-31T16:30Z) → after the period end
    at('2026-10-28T02:00:00Z');
    const c5 = await intake(estate, desk);
    await step(desk, c5.id, 'judge', { validity: 'valid' }).expect(200);
    at('2026-10-31T15:30:00Z');
    await resolveValid(c1.id);
    at('2026-10-31T16:30:00Z');
    await resolveValid(c5.id);
    at('2026-12-05T02:00:00Z'); // computed later: as-of, the November facts must not leak into October

    // #21 October: open = C1, C3, C5 (3); resolved by period end = C1 (1) → 33.33 %
    expect(await service.resolutionRate(estate.id, '2026-10')).toEqual({
      numerator: 1,
      denominator: 3,
      percent: 33.33,
    });
    const open = await service.validComplaintsOpenDuring(estate.id, '2026-10');
    expect(open.map((row) => [row.code, row.resolvedByPeriodEnd])).toEqual([
      [c1.code, true],
      [c3.code, false],
      [c5.code, false],
    ]);
    // #20 YTD to October: valid judged in 2026 = C1, C2, C3, C5 (4) / 5 households = 80 %
    expect(await service.validComplaintRate(estate.id, '2026-10')).toEqual({
      numerator: 4,
      denominator: 5,
      percent: 80,
    });
    expect((await service.validComplaintsYearToDate(estate.id, '2026-10')).map((row) => row.code)).toEqual([
      c1.code,
      c2.code,
      c3.code,
      c5.code,
    ]);
    // #21 September: open = C1, C2 (both received in it); resolved by end = C2 → 50 %
    expect(await service.resolutionRate(estate.id, '2026-09')).toEqual({
      numerator: 1,
      denominator: 2,
      percent: 50,
    });

    const summary = await t.http
      .get('/api/v1/complaints/summary')
      .query({ estateId: estate.id, period: '2026-10' })
      .set(desk.auth)
      .expect(200);
    expect(summary.body).toEqual({
      estateId: estate.id,
      period: '2026-10',
      received: 3, // C3, C4, C5
      valid: 2, // C3, C5 judged in October
      invalid: 1,
      invalidByReason: [{ reason: 'developer_defect', count: 1 }],
      resolved: 1, // C1 at 23:30 local on the 31st
      resolvedOnTime: 0, // C1 was due 72 h after 10 September
      backlog: 2, // C3, C5 unresolved at the period end
      unjudged: 0,
      households: 5,
      validComplaintRate: { numerator: 4, denominator: 5, percent: 80 },
      resolutionRate: { numerator: 1, denominator: 3, percent: 33.33 },
    });
  });

  it('applies roles, estate scope and the resident’s own unit', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, units, desk } = await estateWithDesk();
    const other = await estateWithDesk();
    const complaint = await intake(estate, desk, { unitId: units[0].id });
    const neighbour = await intake(estate, desk, { unitId: units[1].id });

    const technician = await t.factory.user('technician', [estate]);
    expect(
      (
        await t.http
          .post('/api/v1/complaints')
          .set(technician.auth)
          .send({ estateId: estate.id, channel: 'phone', categories: ['other'], description: 'x' })
          .expect(403)
      ).body.code,
    ).toBe('ROLE_FORBIDDEN');
    await step(technician, complaint.id, 'judge', { validity: 'valid' }).expect(403);

    const foreignList = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id })
      .set(other.desk.auth)
      .expect(403);
    expect(foreignList.body.code).toBe('ESTATE_FORBIDDEN');
    await t.http.get(`/api/v1/complaints/${complaint.id}`).set(other.desk.auth).expect(404);
    await step(other.manager, complaint.id, 'judge', { validity: 'valid' }).expect(404);
    expect((await t.http.get('/api/v1/complaints').set(other.desk.auth).expect(200)).body.total).toBe(0);
    await t.http
      .get('/api/v1/complaints/summary')
      .query({ estateId: estate.id, period: '2026-10' })
      .set(other.manager.auth)
      .expect(403);

    const resident = await t.factory.user('resident', [], { unitId: units[0].id });
    const own = await t.http
      .post('/api/v1/complaints')
      .set(resident.auth)
      .send({ estateId: estate.id, channel: 'phone', categories: ['security'], description: '门禁坏了' })
      .expect(201);
    expect(own.body).toMatchObject({ unitId: units[0].id, channel: 'online' });
    const forNeighbour = await t.http
      .post('/api/v1/complaints')
      .set(resident.auth)
      .send({
        estateId: estate.id,
        unitId: units[1].id,
        channel: 'online',
        categories: ['other'],
        description: 'x',
      })
      .expect(403);
    expect(forNeighbour.body.code).toBe('UNIT_FORBIDDEN');
    await t.http
      .post('/api/v1/complaints')
      .set(resident.auth)
      .send({ estateId: other.estate.id, channel: 'online', categories: ['other'], description: 'x' })
      .expect(403);
    const mine = await t.http
      .get('/api/v1/complaints')
      .query({ estateId: estate.id })
      .set(resident.auth)
      .expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [complaint.id, own.body.id].sort(),
    );
    await t.http.get(`/api/v1/complaints/${neighbour.id}`).set(resident.auth).expect(404);
    await step(resident, own.body.id, 'judge', { validity: 'valid' }).expect(403);
    await t.http
      .get('/api/v1/complaints/summary')
      .query({ estateId: estate.id, period: '2026-10' })
      .set(resident.auth)
      .expect(403);
  });

  it('streams an xlsx export of the estate’s complaints for a month', async () => {
    const { estate, units, desk } = await estateWithDesk();
    const building = await t.dataSource.query('SELECT number FROM buildings WHERE id = ?', [
      units[0].buildingId,
    ]);
    t.clock.set('2026-10-31T15:30:00Z'); // 23:30 on 31 October in Shanghai → October
    const late = await intake(estate, desk, { unitId: units[0].id });
    t.clock.set('2026-10-31T16:30:00Z'); // 00:30 on 1 November → not October
    await intake(estate, desk);
    t.clock.set('2026-10-01T01:00:00Z');
    const early = await intake(estate, desk, { categories: ['fees', 'other'] });
    await step(desk, early.id, 'judge', { validity: 'invalid', invalidReason: 'utility_company' }).expect(
      200,
    );

    const download = async (query: Record<string, string>) => {
      const response = await t.http
        .get('/api/v1/complaints/export')
        .query({ estateId: estate.id, period: '2026-10', ...query })
        .set(desk.auth)
        .buffer(true)
        .parse((res, callback) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => callback(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body);
      return { sheet: workbook.worksheets[0], disposition: String(response.headers['content-disposition']) };
    };
    const { sheet, disposition } = await download({});
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('投诉-')}`);
    expect(sheet.name).toBe('投诉');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('编号');
    const earlyRow = sheet.getRow(2);
    expect(earlyRow.getCell(1).value).toBe(early.code);
    // 01:00Z is 09:00 in Shanghai
    expect((earlyRow.getCell(2).value as Date).toISOString()).toBe('2026-10-01T09:00:00.000Z');
    // Codes by their labels (@estate/labels), never `fees` / `invalid` / `utility_company`.
    expect(earlyRow.getCell(4).value).toBe('电话');
    expect(earlyRow.getCell(5).value).toBe('收费问题、其他');
    expect(earlyRow.getCell(9).value).toBe('无效投诉');
    expect(earlyRow.getCell(10).value).toBe('无效');
    expect(earlyRow.getCell(11).value).toBe('公用事业单位责任');
    const lateRow = sheet.getRow(3);
    expect(lateRow.getCell(1).value).toBe(late.code);
    expect(lateRow.getCell(3).value).toBe(`${building[0].number}-${units[0].number}`);
    expect(lateRow.getCell(5).value).toBe('环境卫生');
    expect(lateRow.getCell(8).value).toBe('138****5678');
    expect(lateRow.getCell(9).value).toBe('已受理');

    const english = await download({ locale: 'en' });
    expect(english.disposition).toContain(`filename*=UTF-8''complaints-`);
    expect(english.sheet.name).toBe('Complaints');
    expect(english.sheet.getRow(1).getCell(1).value).toBe('Code');
    const englishEarly = english.sheet.getRow(2);
    expect([4, 5, 9, 10, 11].map((cell) => englishEarly.getCell(cell).value)).toEqual([
      'Phone',
      'Fees, Other',
      'Invalid',
      'Invalid',
      'Utility company',
    ]);
    await t.http
      .get('/api/v1/complaints/export')
      .query({ estateId: estate.id, locale: 'zh' })
      .set(desk.auth)
      .expect(400);

    const other = await estateWithDesk(0);
    await t.http
      .get('/api/v1/complaints/export')
      .query({ estateId: estate.id })
      .set(other.desk.auth)
      .expect(403);
    const technician = await t.factory.user('technician', [estate]);
    await t.http
      .get('/api/v1/complaints/export')
      .query({ estateId: estate.id })
      .set(technician.auth)
      .expect(403);
  });
});
