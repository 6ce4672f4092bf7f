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

  it('keeps #4 in the closed September snapshot; a live October excludes a payment reversed after September', async () => {
    t.clock.set(L('2026-11-05 12:00'));
    await t.http
      .post(`/api/v1/kpi/periods/${golden.estate.id}/2026-09/close`)
      .set(golden.admin.auth)
      .send({})
      .expect(201);
    // U7's 15 September payment (16000 fen) is reversed on 5 November, after September's end.
    t.clock.set(L('2026-11-05 13:00'));
    await t.http
      .post(`/api/v1/payments/${golden.payments['Sep-U7']}/reverse`)
      .set(golden.admin.auth)
      .send({ reason: '银行退票' })
      .expect(200);

    const september = await scorecard('2026-09');
    expect(september.source).toBe('snapshot');
    expect(byCode(september).fee_collection_rate).toEqual(EXPECTED['2026-09'].fee_collection_rate);

    const october = await scorecard('2026-10');
    expect(october.source).toBe('live');
    expect(byCode(october).fee_collection_rate).toEqual(AFTER_REVERSAL.octoberLive);
    // October's previous value comes from the September snapshot, not from a live recompute.
    expect(october.metrics.find((metric) => metric.code === 'fee_collection_rate')!.previousValue).toBe(
      EXPECTED['2026-09'].fee_collection_rate.value,
    );
    // Computing September live again (what an admin recompute would store) excludes it too.
    const live = await t.app.get(ScorecardService).compute(golden.estate, '2026-09');
    expect(
      figures(live.metrics.find((metric) => metric.code === 'fee_collection_rate')! as ExpectedMetric),
    ).toEqual(AFTER_REVERSAL.septemberLive);
  });
});
