import { Estate, Unit } from '@estate/estates';
import { SurveyResponse, SurveysService } from '@estate/surveys';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';

describe('surveys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function estateWithUnits(occupied: number, vacant: number) {
    const estate = await t.factory.estate();
    const building = await t.factory.building(estate);
    const units: Unit[] = [];
    for (let index = 0; index < occupied + vacant; index++) {
      const unit = await t.factory.unit(estate, { building });
      if (index < occupied) await t.factory.resident(unit);
      units.push(unit);
    }
    const manager = await t.factory.user('manager', [estate]);
    return { estate, units, manager };
  }

  async function survey(manager: TestUser, estate: Estate, fields: Record<string, unknown> = {}) {
    const response = await t.http
      .post('/api/v1/surveys')
      .set(manager.auth)
      .send({
        estateId: estate.id,
        title: '2026 年度满意度调查',
        opensAt: '2026-10-01T00:00:00Z',
        closesAt: '2026-10-31T00:00:00Z',
        services: ['repairs', 'cleaning'],
        ...fields,
      })
      .expect(201);
    return response.body as { id: string };
  }

  const answer = (user: TestUser, surveyId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/surveys/${surveyId}/responses`).set(user.auth).send(body);

  it('computes results and KPI #25 from known responses', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    // 8 occupied units + 2 vacant: households = 8
    const { estate, units, manager } = await estateWithUnits(8, 2);
    const desk = await t.factory.user('front_desk', [estate]);
    const { id } = await survey(manager, estate);
    const at = '2026-10-10T02:00:00Z';
    await answer(desk, id, {
      unitId: units[0].id,
      overall: 'satisfied',
      serviceRatings: { repairs: 'satisfied', cleaning: 'dissatisfied' },
      comment: '电梯常坏',
      channel: 'door_to_door',
      collectedAt: at,
    }).expect(201);
    await answer(desk, id, {
      unitId: units[1].id,
      overall: 'satisfied',
      channel: 'phone',
      collectedAt: at,
    }).expect(201);
    await answer(desk, id, {
      unitId: units[2].id,
      overall: 'basically_satisfied',
      serviceRatings: { repairs: 'dissatisfied' },
      collectedAt: at,
    }).expect(201);
    await answer(desk, id, {
      unitId: units[3].id,
      overall: 'dissatisfied',
      serviceRatings: { cleaning: 'dissatisfied' },
      comment: '保洁不到位',
      collectedAt: at,
    }).expect(201);
    const resident = await t.factory.user('resident', [], { unitId: units[4].id });
    const own = await answer(resident, id, { overall: 'satisfied', channel: 'paper' }).expect(201);
    expect(own.body).toMatchObject({
      unitId: units[4].id,
      channel: 'online',
      collectedAt: '2026-10-15T10:00:00.000Z',
    });

    const results = await t.http.get(`/api/v1/surveys/${id}/results`).set(manager.auth).expect(200);
    expect(results.body).toEqual({
      surveyId: id,
      // 3 satisfied + 1 basically / 5 = 80 %
      overall: {
        responses: 5,
        satisfied: 3,
        basicallySatisfied: 1,
        dissatisfied: 1,
        satisfactionPercent: 80,
      },
      respondingHouseholds: 5,
      householdsOn: '2026-10-15', // still open: today
      households: 8,
      coveragePercent: 62.5, // 5 / 8
      lowConfidence: false, // ≥ 30 %
      services: [
        {
          service: 'repairs',
          responses: 2,
          satisfied: 1,
          basicallySatisfied: 0,
          dissatisfied: 1,
          satisfactionPercent: 50,
        },
        {
          service: 'cleaning',
          responses: 2,
          satisfied: 0,
          basicallySatisfied: 0,
          dissatisfied: 2,
          satisfactionPercent: 0,
        },
      ],
      comments: [
        {
          unitId: units[0].id,
          overall: 'satisfied',
          comment: '电梯常坏',
          collectedAt: '2026-10-10T02:00:00.000Z',
        },
        {
          unitId: units[3].id,
          overall: 'dissatisfied',
          comment: '保洁不到位',
          collectedAt: '2026-10-10T02:00:00.000Z',
        },
      ],
    });

    // An older survey: one response just before the trailing-12-month window, one exactly at its start
    const old = await survey(manager, estate, {
      opensAt: '2025-10-01T00:00:00Z',
      closesAt: '2025-12-01T00:00:00Z',
    });
    await answer(desk, old.id, {
      unitId: units[6].id,
      overall: 'dissatisfied',
      collectedAt: '2025-10-31T15:59:00Z', // 23:59 on 31 Oct 2025 Shanghai → outside
    }).expect(201);
    await answer(desk, old.id, {
      unitId: units[0].id,
      overall: 'basically_satisfied',
      collectedAt: '2025-10-31T16:00:00Z', // 00:00 on 1 Nov 2025 Shanghai → inside
    }).expect(201);

    const service = t.app.get(SurveysService);
    // October 2026: 6 responses (5 + units[0]'s old one); 3 + 1 + 1 satisfied-ish = 5 → 83.33 %
    // responding units: units 0–4 = 5 of 8 households → 62.5 %
    const kpi = await service.overallSatisfaction(estate.id, '2026-10');
    expect(kpi).toMatchObject({
      numerator: 5,
      denominator: 6,
      percent: 83.33,
      respondingHouseholds: 5,
      households: 8,
      coveragePercent: 62.5,
      lowConfidence: false,
    });
    expect(await service.satisfactionResponses(estate.id, '2026-10')).toHaveLength(6);
    await t.dataSource
      .getRepository(Estate)
      .update(estate.id, { settings: { surveys: { lowConfidenceCoveragePercent: 70 } } });
    expect((await service.overallSatisfaction(estate.id, '2026-10')).lowConfidence).toBe(true);
    // a month with no responses in its 12 months is no data
    expect(await service.overallSatisfaction(estate.id, '2025-09')).toMatchObject({
      numerator: 0,
      denominator: 0,
      percent: null,
    });
  });

  it('refuses bad responses with nothing written', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, units, manager } = await estateWithUnits(2, 0);
    const other = await estateWithUnits(1, 0);
    const { id } = await survey(manager, estate);
    await answer(manager, id, {
      unitId: units[0].id,
      overall: 'satisfied',
      collectedAt: '2026-10-02T00:00:00Z',
    }).expect(201);

    const second = await answer(manager, id, { unitId: units[0].id, overall: 'dissatisfied' }).expect(409);
    expect(second.body.code).toBe('RESPONSE_EXISTS');
    const early = await answer(manager, id, {
      unitId: units[1].id,
      overall: 'satisfied',
      collectedAt: '2026-09-30T23:59:59Z',
    }).expect(422);
    expect(early.body.code).toBe('COLLECTED_OUTSIDE_WINDOW');
    const future = await answer(manager, id, {
      unitId: units[1].id,
      overall: 'satisfied',
      collectedAt: '2026-10-16T00:00:00Z',
    }).expect(422);
    expect(future.body.code).toBe('COLLECTED_IN_FUTURE');
    const foreign = await answer(manager, id, { unitId: other.units[0].id, overall: 'satisfied' }).expect(
      422,
    );
    expect(foreign.body.code).toBe('UNIT_NOT_FOUND');
    const unasked = await answer(manager, id, {
      unitId: units[1].id,
      overall: 'satisfied',
      serviceRatings: { greenery: 'satisfied' },
    }).expect(400);
    expect(unasked.body.code).toBe('SERVICE_NOT_IN_SURVEY');
    await answer(manager, id, { unitId: units[1].id, overall: 'great' }).expect(400);
    await answer(manager, id, { unitId: units[1].id }).expect(400);
    const window = await t.http
      .post('/api/v1/surveys')
      .set(manager.auth)
      .send({
        estateId: estate.id,
        title: 'x',
        opensAt: '2026-10-31T00:00:00Z',
        closesAt: '2026-10-01T00:00:00Z',
      })
      .expect(400);
    expect(window.body.code).toBe('SURVEY_WINDOW_INVALID');

    const stored = await t.dataSource.getRepository(SurveyResponse).findBy({ surveyId: id });
    expect(stored.map((row) => [row.unitId, row.overall])).toEqual([[units[0].id, 'satisfied']]);

    // once the window has closed, a resident cannot answer either
    t.clock.set('2026-10-31T00:00:00Z');
    const resident = await t.factory.user('resident', [], { unitId: units[1].id });
    const late = await answer(resident, id, { overall: 'satisfied' }).expect(422);
    expect(late.body.code).toBe('COLLECTED_OUTSIDE_WINDOW');
    expect(await t.dataSource.getRepository(SurveyResponse).countBy({ surveyId: id })).toBe(1);
  });

  it('applies roles, estate scope and the resident’s own unit', async () => {
    t.clock.set('2026-10-15T10:00:00Z');
    const { estate, units, manager } = await estateWithUnits(2, 0);
    const other = await estateWithUnits(1, 0);
    const { id } = await survey(manager, estate);
    await answer(manager, id, { unitId: units[0].id, overall: 'satisfied' }).expect(201);

    const resident = await t.factory.user('resident', [], { unitId: units[1].id });
    await t.http
      .post('/api/v1/surveys')
      .set(resident.auth)
      .send({
        estateId: estate.id,
        title: 'x',
        opensAt: '2026-10-01T00:00:00Z',
        closesAt: '2026-10-31T00:00:00Z',
      })
      .expect(403);
    const forNeighbour = await answer(resident, id, { unitId: units[0].id, overall: 'satisfied' }).expect(
      403,
    );
    expect(forNeighbour.body.code).toBe('UNIT_FORBIDDEN');
    await answer(resident, id, { overall: 'basically_satisfied' }).expect(201);
    const mine = await t.http.get(`/api/v1/surveys/${id}/responses`).set(resident.auth).expect(200);
    expect(mine.body.items.map((item: { unitId: string }) => item.unitId)).toEqual([units[1].id]);
    await t.http.get(`/api/v1/surveys/${id}/results`).set(resident.auth).expect(403);
    const all = await t.http.get(`/api/v1/surveys/${id}/responses`).set(manager.auth).expect(200);
    expect(all.body.total).toBe(2);

    const outsiderResident = await t.factory.user('resident', [], { unitId: other.units[0].id });
    await t.http.get(`/api/v1/surveys/${id}`).set(outsiderResident.auth).expect(404);
    await answer(outsiderResident, id, { overall: 'satisfied' }).expect(404);
    await t.http.get(`/api/v1/surveys/${id}/results`).set(other.manager.auth).expect(404);
    await answer(other.manager, id, { unitId: units[0].id, overall: 'satisfied' }).expect(404);
    expect(
      (await t.http.get('/api/v1/surveys').query({ estateId: estate.id }).set(other.manager.auth).expect(403))
        .body.code,
    ).toBe('ESTATE_FORBIDDEN');
    const technician = await t.factory.user('technician', [estate]);
    await answer(technician, id, { unitId: units[0].id, overall: 'satisfied' }).expect(403);
    expect(await t.dataSource.getRepository(SurveyResponse).countBy({ surveyId: id })).toBe(2);
  });
});
