import { ScorecardService } from '@estate/kpi';
import { GoldenEstate, GoldenEstateBuilder, L } from '../fixtures/kpi-golden/build-golden-estate';
import { AFTER_REVERSAL, EXPECTED, ExpectedMetric, GOLDEN_PERIODS } from '../fixtures/kpi-golden/expected';
import { createTestApp, TestApp } from '../support/test-app';

interface Metric extends ExpectedMetric {
  code: string;
  previousValue: number | null;
}
interface Scorecard {
  source: string;
  metrics: Metric[];
}

const figures = ({ numerator, denominator, value, status, target }: ExpectedMetric): ExpectedMetric => ({
  numerator,
  denominator,
  value,
  status,
  target,
});
const byCode = (scorecard: Scorecard): Record<string, ExpectedMetric> =>
  Object.fromEntries(scorecard.metrics.map((metric) => [metric.code, figures(metric)]));

/**
 * The golden dataset (test/fixtures/kpi-golden): one estate, three months, all 25 metrics, every
 * expected value worked out by hand in expected.ts. The dataset is built once; the tests that only
 * read come first. The last two add records (jest runs a file's tests in declaration order): the
 * as-of test adds later-dated facts, the snapshot test closes September and reverses a payment.
 */
describe('KPI golden dataset (e2e)', () => {
  let t: TestApp;
  let builder: GoldenEstateBuilder;
  let golden: GoldenEstate;
  /** August as computed right after August's facts, before any later fact existed. */
  let augustAtTheTime: Scorecard;

  const scorecard = async (period: string): Promise<Scorecard> =>
    (
      await t.http
        .get(`/api/v1/kpi/scorecard?estateId=${golden.estate.id}&period=${period}`)
        .set(golden.admin.auth)
        .expect(200)
    ).body;
  const drillDown = async (code: string, period: string) =>
    (
      await t.http
        .get(
          `/api/v1/kpi/scorecard/metrics/${code}/records?estateId=${golden.estate.id}&period=${period}&part=failing&pageSize=100`,
        )
        .set(golden.admin.auth)
        .expect(200)
    ).body as { total: number; items: { id: string; label: string | null; inNumerator: boolean }[] };

  beforeAll(async () => {
    t = await createTestApp({ now: L('2026-07-01 08:00') });
    builder = new GoldenEstateBuilder(t);
    golden = builder.golden;
    await builder.setup();
    await builder.august();
    augustAtTheTime = await scorecard('2026-08'); // clock: 00:10 on 1 September
    await builder.september();
    await builder.october(); // leaves the clock at 5 November
  }, 120_000);
  afterAll(async () => t.close());

  it.each(GOLDEN_PERIODS)('gives the 25 hand-computed values for %s', async (period) => {
    const body = await scorecard(period);
    expect(body.source).toBe('live');
    expect(body.metrics).toHaveLength(25);
    expect(byCode(body)).toEqual(EXPECTED[period]);
  });

  it("gives each month the previous month's value as previousValue", async () => {
    const [august, september, october] = await Promise.all(GOLDEN_PERIODS.map(scorecard));
    const values = (card: Scorecard) => card.metrics.map((metric) => metric.value);
    expect(september.metrics.map((metric) => metric.previousValue)).toEqual(values(august));
    expect(october.metrics.map((metric) => metric.previousValue)).toEqual(values(september));
  });

  it('lists exactly the late orders, the unpaid bills and the non-intact wells in October', async () => {
    const late = await drillDown('repair_timeliness_rate', '2026-10');
    const codes = (labels: string[]) => labels.map((label) => golden.workOrders[label].code).sort();
    // W8 (done after its deadline), W11 (late and still open at month end), W12 (urgent, late on site).
    expect(late.items.map((item) => item.label).sort()).toEqual(codes(['W8', 'W11', 'W12']));
    expect(late.total).toBe(3);
    expect(late.items.every((item) => !item.inNumerator)).toBe(true);

    const unpaid = await drillDown('fee_collection_rate', '2026-10');
    const bills = ['U6/2026-10', 'U7/2026-10', 'U9/2026-09', 'U9/2026-10'].map((key) => golden.bills[key]);
    expect(unpaid.items.map((item) => item.id).sort()).toEqual(bills.sort());
    expect(unpaid.total).toBe(4);

    const wells = await drillDown('wells_intact_rate', '2026-10');
    expect(wells.items.map((item) => item.label)).toEqual(['WL2 golden WL2', 'WL4 golden WL4']);
  });

  it('regenerates August identically after records dated later were added (as-of)', async () => {
    expect(byCode(augustAtTheTime)).toEqual(EXPECTED['2026-08']);
    await builder.laterFacts(); // facts dated September, October and November, entered in November
    expect(byCode(await scorecard('2026-08'))).toEqual(EXPECTED['2026-08']);
  });

  it('counts a reversal from its effectiveAt: never rewriting a month before it, closed months never changed (#4)', async () => {
    const fee = async (period: string) => byCode(await scorecard(period)).fee_collection_rate;
    const reverse = (label: string, body: Record<string, unknown>) =>
      t.http
        .post(`/api/v1/payments/${golden.payments[label]}/reverse`)
        .set(golden.admin.auth)
        .send({ reason: '银行退票', ...body });
    t.clock.set(L('2026-11-05 12:00'));
    await t.http
      .post(`/api/v1/kpi/periods/${golden.estate.id}/2026-09/close`)
      .set(golden.admin.auth)
      .send({})
      .expect(201);

    // 1. U7's 15 September payment reversed on 5 November, with effect now.
    t.clock.set(L('2026-11-05 13:00'));
    const reversed = await reverse('Sep-U7', {}).expect(200);
    expect(reversed.body.reversedAt).toBe(new Date(L('2026-11-05 13:00')).toISOString());
    const september = await scorecard('2026-09');
    expect(september.source).toBe('snapshot');
    expect(byCode(september).fee_collection_rate).toEqual(AFTER_REVERSAL.september);
    const live = await t.app.get(ScorecardService).compute(golden.estate, '2026-09');
    expect(
      figures(live.metrics.find((metric) => metric.code === 'fee_collection_rate')! as ExpectedMetric),
    ).toEqual(AFTER_REVERSAL.september);
    expect(await fee('2026-10')).toEqual(AFTER_REVERSAL.octoberAfterNovemberReversal);
    expect(await fee('2026-11')).toEqual(AFTER_REVERSAL.novemberAfterNovemberReversal);
    const october = await scorecard('2026-10');
    expect(october.metrics.find((metric) => metric.code === 'fee_collection_rate')!.previousValue).toBe(
      EXPECTED['2026-09'].fee_collection_rate.value,
    );

    // 2. Into the closed September (the estate allows 60 days of back-dating for this): refused,
    // naming the month; or, asked for, effective at the first instant of October.
    await t.http
      .patch(`/api/v1/estates/${golden.estate.id}`)
      .set(golden.admin.auth)
      .send({ settings: { facts: { maxBackdateDays: 60 } } })
      .expect(200);
    const refused = await reverse('Sep-U10', { effectiveAt: L('2026-09-25 10:00') }).expect(422);
    expect(refused.body.code).toBe('PERIOD_CLOSED');
    expect(refused.body.message).toContain('2026-09');
    const moved = await reverse('Sep-U10', {
      effectiveAt: L('2026-09-25 10:00'),
      ifMonthClosed: 'first_open_month',
    }).expect(200);
    expect(moved.body.reversedAt).toBe(new Date(L('2026-10-01 00:00')).toISOString());
    expect(byCode(await scorecard('2026-09')).fee_collection_rate).toEqual(AFTER_REVERSAL.september);
    expect(await fee('2026-10')).toEqual(AFTER_REVERSAL.octoberAfterFirstOpenMonth);
    expect(await fee('2026-11')).toEqual(AFTER_REVERSAL.novemberAfterFirstOpenMonth);

    // 3. A payment that never happened, reversed back into the open October (not before the payment).
    const early = await reverse('Oct-U10', { effectiveAt: L('2026-10-20 09:59') }).expect(400);
    expect(early.body.code).toBe('TIME_BEFORE_PREVIOUS_STEP');
    await reverse('Oct-U10', { effectiveAt: L('2026-10-20 10:00') }).expect(200);
    expect(await fee('2026-10')).toEqual(AFTER_REVERSAL.octoberAfterBackdated);
    expect(await fee('2026-11')).toEqual(AFTER_REVERSAL.novemberAfterBackdated);
  });
});
