import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { executeStatement, JobLockService, TransactionService } from '@estate/database';
import { Estate, EstatesService } from '@estate/estates';
import { Clock } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { WorkOrder, WorkOrderFactBuild, WorkOrderMonthlyFact } from './entities';
import {
  accumulate,
  FACT_SOURCE_FIELDS,
  factDelta,
  FactSource,
  factKey,
  MEASURE_COLUMNS,
  MEASURES,
  monthlyFactsOf,
  MonthlyFact,
  PeriodCalendar,
} from './work-order-monthly-facts';

const JOB_NAME = 'work-orders.build-facts';
const READ_BATCH = 5_000;
const WRITE_BATCH = 500;
const FACT_COLUMNS = [
  'estate_id',
  'period',
  'kind',
  'subject1',
  'subject2',
  'subject3',
  'label',
  ...MEASURE_COLUMNS,
];

export interface FactBuildResult {
  estateId: string;
  timeZone: string;
  orders: number;
  facts: number;
  milliseconds: number;
}

type OrderFacts = FactSource & { id: string; estateId: string };

/**
 * Keeps work_order_monthly_facts (work-order-monthly-facts.ts): every write to an order applies the
 * difference of the order's facts inside its own transaction (`track`, `created`), and `build`
 * recomputes an estate's facts from its orders. Locks: a writer holds its order's row, then a shared
 * lock on the estate's build row, then the fact rows in key order; a build holds the build row
 * exclusively, so it waits for the writers in flight and its reads see what they committed, and
 * writers that come later wait for it and then apply their change on top.
 */
@Injectable()
export class WorkOrderMonthlyFactsService {
  private readonly logger = new Logger(WorkOrderMonthlyFactsService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly clock: Clock,
    private readonly jobLocks: JobLockService,
  ) {}

  private get mysql(): boolean {
    return this.transactions.dialect === 'mysql';
  }

  /** A new order, as read back after its INSERT, in the same transaction. */
  async created(manager: EntityManager, order: OrderFacts): Promise<void> {
    await this.apply(manager, order.estateId, null, order);
  }

  /**
   * Runs `write`, which changes the order `orderId`, between two reads of the order's fact columns
   * (locking reads on MySQL: the row as committed, not this transaction's snapshot) and applies
   * the difference. A write that changes nothing (a lost race) applies nothing.
   */
  async track<T>(manager: EntityManager, orderId: string, write: () => Promise<T>): Promise<T> {
    const previous = await this.read(manager, orderId);
    const result = await write();
    const next = await this.read(manager, orderId);
    const estateId = next?.estateId ?? previous?.estateId;
    if (estateId) await this.apply(manager, estateId, previous, next);
    return result;
  }

  private async read(manager: EntityManager, orderId: string): Promise<OrderFacts | null> {
    const builder = manager
      .createQueryBuilder(WorkOrder, 'wo')
      .select(['wo.id', 'wo.estateId', ...FACT_SOURCE_FIELDS.map((field) => `wo.${field}`)])
      .where('wo.id = :orderId', { orderId });
    if (this.mysql) builder.setLock('pessimistic_write');
    return builder.getOne();
  }

  private async apply(
    manager: EntityManager,
    estateId: string,
    previous: FactSource | null,
    next: FactSource | null,
  ): Promise<void> {
    const rows = (await manager.query(
      `SELECT time_zone FROM work_order_fact_builds WHERE estate_id = ?${this.mysql ? ' LOCK IN SHARE MODE' : ''}`,
      [estateId],
    )) as { time_zone: string }[];
    // No build yet: nothing is kept for this estate (the stats read its orders) until one runs.
    if (!rows.length) return;
    const delta = factDelta(previous, next, new PeriodCalendar(rows[0].time_zone));
    await this.add(manager, estateId, delta);
  }

  /** Adds the rows' measures to the stored ones (creating missing rows), in statements of WRITE_BATCH rows. */
  private async add(manager: EntityManager, estateId: string, facts: MonthlyFact[]): Promise<void> {
    const columns = FACT_COLUMNS.join(', ');
    const conflict = this.mysql
      ? `ON DUPLICATE KEY UPDATE label = COALESCE(VALUES(label), label), ${MEASURE_COLUMNS.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
      : `ON CONFLICT (estate_id, period, kind, subject1, subject2, subject3) DO UPDATE SET label = COALESCE(excluded.label, label), ${MEASURE_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
    for (let offset = 0; offset < facts.length; offset += WRITE_BATCH) {
      const batch = facts.slice(offset, offset + WRITE_BATCH);
      const placeholders = batch.map(() => `(${FACT_COLUMNS.map(() => '?').join(', ')})`).join(', ');
      const values = batch.flatMap((fact) => [
        estateId,
        fact.period,
        fact.kind,
        fact.subject1,
        fact.subject2,
        fact.subject3,
        fact.label,
        ...MEASURES.map((measure) => fact[measure]),
      ]);
      await manager.query(
        `INSERT INTO work_order_monthly_facts (${columns}) VALUES ${placeholders} ${conflict}`,
        values,
      );
    }
  }

  /**
   * Recomputes an estate's facts from its orders in the estate's current time zone, in one
   * transaction (readers see the old facts until it commits). Its first statement takes the build
   * row exclusively, before any read, so on MySQL its snapshot holds every writer's commit.
   */
  async build(estateId: string): Promise<FactBuildResult> {
    const estate = await this.estates.require(estateId);
    const started = Date.now();
    return this.transactions.run(async (manager) => {
      await executeStatement(
        manager,
        this.mysql
          ? 'INSERT INTO work_order_fact_builds (estate_id, time_zone, built_at, orders) VALUES (:estateId, :timeZone, :builtAt, 0) ' +
              'ON DUPLICATE KEY UPDATE time_zone = VALUES(time_zone), built_at = VALUES(built_at), orders = 0'
          : 'INSERT INTO work_order_fact_builds (estate_id, time_zone, built_at, orders) VALUES (:estateId, :timeZone, :builtAt, 0) ' +
              'ON CONFLICT (estate_id) DO UPDATE SET time_zone = excluded.time_zone, built_at = excluded.built_at, orders = 0',
        { estateId, timeZone: estate.timeZone, builtAt: this.clock.now() },
      );
      await manager.delete(WorkOrderMonthlyFact, { estateId });
      const calendar = new PeriodCalendar(estate.timeZone);
      const totals = new Map<string, MonthlyFact>();
      let orders = 0;
      let afterId = '';
      for (;;) {
        const batch = await manager
          .createQueryBuilder(WorkOrder, 'wo')
          .select(['wo.id', ...FACT_SOURCE_FIELDS.map((field) => `wo.${field}`)])
          .where('wo.estate_id = :estateId AND wo.id > :afterId', { estateId, afterId })
          .orderBy('wo.id', 'ASC')
          .limit(READ_BATCH)
          .getMany();
        if (!batch.length) break;
        for (const order of batch) accumulate(totals, monthlyFactsOf(order, calendar), 1);
        orders += batch.length;
        afterId = batch[batch.length - 1].id;
      }
      const facts = [...totals.values()].sort((a, b) => (factKey(a) < factKey(b) ? -1 : 1));
      await this.add(manager, estateId, facts);
      await manager.update(WorkOrderFactBuild, { estateId }, { orders });
      return {
        estateId,
        timeZone: estate.timeZone,
        orders,
        facts: facts.length,
        milliseconds: Date.now() - started,
      };
    });
  }

  /** Estates whose facts are missing or in another time zone than the estate's. */
  async estatesToBuild(): Promise<Estate[]> {
    const builds = await this.transactions.dataSource.manager.find(WorkOrderFactBuild);
    const zoneOf = new Map(builds.map((build) => [build.estateId, build.timeZone]));
    return (await this.estates.allActive()).filter((estate) => zoneOf.get(estate.id) !== estate.timeZone);
  }

  /** Every 10 minutes (and at start-up): builds what is missing or out of zone; one instance at a time. */
  @Cron('30 */10 * * * *')
  async scheduledBuild(): Promise<void> {
    if (!(await this.jobLocks.tryAcquire(JOB_NAME, 9 * 60_000))) return;
    try {
      for (const estate of await this.estatesToBuild()) {
        await this.build(estate.id).then(
          (result) =>
            this.logger.log(
              `Built the work-order facts of estate ${estate.code}: ${result.orders} orders, ${result.facts} facts, ${result.milliseconds} ms`,
            ),
          (error) =>
            this.logger.error(`Building the work-order facts of ${estate.code} failed: ${String(error)}`),
        );
      }
    } finally {
      await this.jobLocks.release(JOB_NAME);
    }
  }

  /**
   * An estate's facts for one month, or null when it has none in the zone given (no build yet, a
   * build in another zone, or nothing happened that month): one statement, so the build check and
   * the rows come from one snapshot.
   */
  async month(estateId: string, timeZone: string, period: string): Promise<MonthlyFact[] | null> {
    const rows = await this.transactions.dataSource.manager
      .createQueryBuilder(WorkOrderMonthlyFact, 'fact')
      .innerJoin(
        WorkOrderFactBuild,
        'build',
        'build.estate_id = fact.estate_id AND build.time_zone = :timeZone',
        { timeZone },
      )
      .where('fact.estate_id = :estateId AND fact.period = :period', { estateId, period })
      .orderBy('fact.kind', 'ASC')
      .addOrderBy('fact.subject1', 'ASC')
      .addOrderBy('fact.subject2', 'ASC')
      .addOrderBy('fact.subject3', 'ASC')
      .getMany();
    return rows.length ? rows : null;
  }
}
