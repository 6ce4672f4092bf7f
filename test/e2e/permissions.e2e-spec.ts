import { UsersService } from '@estate/auth';
import { Estate, Unit } from '@estate/estates';
import { TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { postAt, workOrderWorld } from '../support/work-order-fixtures';

/**
 * Issue #22 finding 11: permissions that let the wrong person change a KPI or lock everyone out.
 * (a) nobody deactivates or demotes themselves, and the last active admin stays; (b) complaints refuse
 * non-assignees (NOT_ASSIGNEE) like work orders; (c) plans and decommissioning belong to
 * manager/admin; (d) staff-entered acceptances carry their channel and who entered them, up to the
 * KPI drill-down; (e) field staff see only the complaints assigned to them, guards no resident list.
 */
describe('permissions (issue #22, finding 11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('(a) admins', () => {
    it('the only admin cannot deactivate or demote itself; another admin can; the last one stays', async () => {
      const only = await t.factory.user('admin');
      const self = await t.http
        .patch(`/api/v1/users/${only.user.id}`)
        .set(only.auth)
        .send({ active: false })
        .expect(409);
      expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
      const demote = await t.http
        .patch(`/api/v1/users/${only.user.id}`)
        .set(only.auth)
        .send({ role: 'manager' })
        .expect(409);
      expect(demote.body.code).toBe('CANNOT_CHANGE_OWN_ROLE');
      await t.http.get('/api/v1/auth/me').set(only.auth).expect(200);

      const second = await t.factory.user('admin');
      await t.http
        .patch(`/api/v1/users/${second.user.id}`)
        .set(only.auth)
        .send({ role: 'manager' })
        .expect(200);
      // no caller (the operator CLI): the last active admin is still kept
      for (const admin of await t.dataSource.query("SELECT id FROM users WHERE role = 'admin' AND id <> ?", [
        only.user.id,
      ]))
        await t.dataSource.query('UPDATE users SET active = ? WHERE id = ?', [false, admin.id]);
      await expect(t.app.get(UsersService).update(only.user.id, { active: false })).rejects.toMatchObject({
        code: 'LAST_ACTIVE_ADMIN',
      });
      await expect(t.app.get(UsersService).update(only.user.id, { role: 'manager' })).rejects.toMatchObject({
        code: 'LAST_ACTIVE_ADMIN',
      });
    });
  });

  describe('(b, e) complaints: assignees act, field staff see only their own', () => {
    let estate: Estate;
    let unit: Unit;
    let desk: TestUser;
    let cleaner: TestUser;
    let otherCleaner: TestUser;
    let guard: TestUser;

    beforeAll(async () => {
      estate = await t.factory.estate();
      unit = await t.factory.unit(estate);
      desk = await t.factory.user('front_desk', [estate]);
      cleaner = await t.factory.user('cleaner', [estate]);
      otherCleaner = await t.factory.user('cleaner', [estate]);
      guard = await t.factory.user('security', [estate]);
    });

    async function assignedComplaint(assignee: TestUser): Promise<{ id: string; version: number }> {
      const created = await t.http
        .post('/api/v1/complaints')
        .set(desk.auth)
        .send({
          estateId: estate.id,
          unitId: unit.id,
          channel: 'phone',
          categories: ['cleanliness'],
          description: '楼道垃圾三天未清理',
          contactName: '李女士',
          contactPhone: '13912345678',
        })
        .expect(201);
      const id = created.body.id as string;
      await t.http
        .post(`/api/v1/complaints/${id}/judge`)
        .set(desk.auth)
        .send({ validity: 'valid' })
        .expect(200);
      const assigned = await t.http
        .post(`/api/v1/complaints/${id}/assign`)
        .set(desk.auth)
        .send({ department: '保洁部', assigneeUserId: assignee.user.id })
        .expect(200);
      return { id, version: assigned.body.version };
    }

    it('a cleaner cannot resolve a complaint assigned to someone else (403 NOT_ASSIGNEE); the assignee and the desk can', async () => {
      const theirs = await assignedComplaint(otherCleaner);
      const refused = await t.http
        .post(`/api/v1/complaints/${theirs.id}/resolve`)
        .set(cleaner.auth)
        .send({ resolution: '已清理' })
        .expect(403);
      expect(refused.body.code).toBe('NOT_ASSIGNEE');
      await t.http
        .post(`/api/v1/complaints/${theirs.id}/resolve`)
        .set(otherCleaner.auth)
        .send({ resolution: '已清理' })
        .expect(200);
      const deskCase = await assignedComplaint(otherCleaner);
      await t.http
        .post(`/api/v1/complaints/${deskCase.id}/resolve`)
        .set(desk.auth)
        .send({ resolution: '前台代为办结' })
        .expect(200);
    });

    it('field staff list and read only the complaints assigned to them (404 for others); the desk sees all', async () => {
      const mine = await assignedComplaint(cleaner);
      const notMine = await assignedComplaint(otherCleaner);
      const list = await t.http
        .get('/api/v1/complaints')
        .query({ estateId: estate.id, pageSize: 100 })
        .set(cleaner.auth)
        .expect(200);
      const ids = list.body.items.map((item: { id: string }) => item.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(notMine.id);
      expect(
        list.body.items.every((item: { assigneeUserId: string }) => item.assigneeUserId === cleaner.user.id),
      ).toBe(true);
      const detail = await t.http.get(`/api/v1/complaints/${mine.id}`).set(cleaner.auth).expect(200);
      expect(detail.body.contactPhone).toBe('13912345678');
      expect(
        (await t.http.get(`/api/v1/complaints/${notMine.id}`).set(cleaner.auth).expect(404)).body.code,
      ).toBe('COMPLAINT_NOT_FOUND');
      const guardList = await t.http
        .get('/api/v1/complaints')
        .query({ estateId: estate.id })
        .set(guard.auth)
        .expect(200);
      expect(guardList.body.total).toBe(0);
      await t.http.get(`/api/v1/complaints/${mine.id}`).set(guard.auth).expect(404);
      const deskList = await t.http
        .get('/api/v1/complaints')
        .query({ estateId: estate.id, pageSize: 100 })
        .set(desk.auth)
        .expect(200);
      expect(deskList.body.items.map((item: { id: string }) => item.id)).toEqual(
        expect.arrayContaining([mine.id, notMine.id]),
      );
    });

    it('security cannot list residents (patrols and incidents name units, not people)', async () => {
      await t.factory.resident(unit);
      const refused = await t.http
        .get('/api/v1/residents')
        .query({ estateId: estate.id })
        .set(guard.auth)
        .expect(403);
      expect(refused.body.code).toBe('ROLE_FORBIDDEN');
      await t.http.get('/api/v1/residents').query({ estateId: estate.id }).set(desk.auth).expect(200);
    });
  });

  describe('(c) assets and plans', () => {
    it('technicians record conditions, but cannot edit or decommission assets nor create, change or delete plans', async () => {
      const estate = await t.factory.estate();
      const technician = await t.factory.user('technician', [estate]);
      const manager = await t.factory.user('manager', [estate]);
      const asset = await t.http
        .post('/api/v1/assets')
        .set(technician.auth)
        .send({
          estateId: estate.id,
          code: 'L1',
          name: '1号电梯',
          categoryCode: 'elevator',
          measure: 1,
          measureUnit: 'count',
          initialCondition: 'good',
        })
        .expect(201);
      await t.http
        .post(`/api/v1/assets/${asset.body.id}/conditions`)
        .set(technician.auth)
        .send({ condition: 'fair' })
        .expect(201);
      const plan = await t.http
        .post('/api/v1/inspection-plans')
        .set(manager.auth)
        .send({
          estateId: estate.id,
          name: '电梯月检',
          categoryCode: 'elevator',
          checklist: [{ label: '轿厢照明' }],
          startDate: '2026-10-01',
          recurrence: { frequency: 'monthly', dayOfMonth: 1 },
        })
        .expect(201);
      const current = (await t.http.get(`/api/v1/assets/${asset.body.id}`).set(manager.auth).expect(200))
        .body;
      for (const attempt of [
        t.http.patch(`/api/v1/assets/${asset.body.id}`).send({ version: current.version, name: '改名' }),
        t.http
          .post(`/api/v1/assets/${asset.body.id}/decommission`)
          .send({ version: current.version, reason: '拆除' }),
        t.http.delete(`/api/v1/inspection-plans/${plan.body.id}`),
        t.http.patch(`/api/v1/inspection-plans/${plan.body.id}`).send({ version: 1, active: false }),
        t.http.post('/api/v1/maintenance-plans').send({ estateId: estate.id, name: 'x' }),
      ]) {
        const refused = await attempt.set(technician.auth).expect(403);
        expect(refused.body.code).toBe('ROLE_FORBIDDEN');
      }
      await t.http.delete(`/api/v1/inspection-plans/${plan.body.id}`).set(manager.auth).expect(204);
      t.clock.advance(60_000); // after the condition record
      await t.http
        .post(`/api/v1/assets/${asset.body.id}/decommission`)
        .set(manager.auth)
        .send({ version: current.version, reason: '拆除' })
        .expect(200);
    });
  });

  describe('(d) acceptances entered by staff', () => {
    it('require the channel, record who entered it, and show both in the KPI drill-down', async () => {
      const world = await workOrderWorld(t);
      const { frontDesk, technician, resident } = world;
      const completedOrder = async (at: string) => {
        const created = await postAt(t, `${at}T02:00:00.000Z`, frontDesk, '', {
          estateId: world.estate.id,
          unitId: world.unit.id,
          category: 'plumbing',
          priority: 'routine',
          channel: 'phone',
          description: '水龙头漏水',
        }).expect(201);
        const id = created.body.id as string;
        await postAt(t, `${at}T02:05:00.000Z`, frontDesk, `/${id}/assign`, {
          assigneeId: technician.user.id,
        }).expect(200);
        await postAt(t, `${at}T03:00:00.000Z`, technician, `/${id}/start`).expect(200);
        await postAt(t, `${at}T04:00:00.000Z`, technician, `/${id}/complete`, {
          resolution: '更换阀芯',
          labourMinutes: 30,
          chargeable: false,
        }).expect(200);
        return id;
      };
      const byPhone = await completedOrder('2026-10-05');
      const missing = await postAt(t, '2026-10-05T06:00:00.000Z', frontDesk, `/${byPhone}/accept`, {
        result: 'pass',
        by: 'resident',
        satisfaction: 'satisfied',
      }).expect(422);
      expect(missing.body).toMatchObject({
        code: 'ACCEPTANCE_CHANNEL_REQUIRED',
        details: { field: 'acceptanceChannel' },
      });
      const posing = await postAt(t, '2026-10-05T06:00:00.000Z', frontDesk, `/${byPhone}/accept`, {
        result: 'pass',
        by: 'resident',
        acceptanceChannel: 'resident_app',
        satisfaction: 'satisfied',
      }).expect(422);
      expect(posing.body.code).toBe('ACCEPTANCE_CHANNEL_INVALID');
      const accepted = await postAt(t, '2026-10-05T06:00:00.000Z', frontDesk, `/${byPhone}/accept`, {
        result: 'pass',
        by: 'resident',
        acceptanceChannel: 'phone',
        satisfaction: 'satisfied',
      }).expect(200);
      expect(accepted.body).toMatchObject({
        acceptedBy: 'resident',
        acceptanceChannel: 'phone',
        acceptedByName: frontDesk.user.displayName,
      });

      const inApp = await completedOrder('2026-10-06');
      const residentPosing = await postAt(t, '2026-10-06T06:00:00.000Z', resident, `/${inApp}/accept`, {
        result: 'pass',
        by: 'resident',
        acceptanceChannel: 'phone',
      }).expect(403);
      expect(residentPosing.body.code).toBe('ACCEPTANCE_CHANNEL_FORBIDDEN');
      await postAt(t, '2026-10-06T06:00:00.000Z', resident, `/${inApp}/accept`, {
        result: 'pass',
        by: 'resident',
        satisfaction: 'basically_satisfied',
      }).expect(200);

      t.clock.set('2026-11-02T02:00:00.000Z');
      const records = await t.http
        .get('/api/v1/work-orders/stats/records')
        .query({ estateId: world.estate.id, period: '2026-10', metric: 'quality' })
        .set(frontDesk.auth)
        .expect(200);
      const byId = new Map(records.body.items.map((item: { id: string }) => [item.id, item]));
      expect(byId.get(byPhone)).toMatchObject({
        acceptedBy: 'resident',
        acceptanceChannel: 'phone',
        acceptedByName: frontDesk.user.displayName,
        satisfaction: 'satisfied',
      });
      expect(byId.get(inApp)).toMatchObject({
        acceptedBy: 'resident',
        acceptanceChannel: 'resident_app',
        acceptedByName: resident.user.displayName,
        satisfaction: 'basically_satisfied',
      });
    });
  });
});
