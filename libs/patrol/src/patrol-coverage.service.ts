import { Injectable } from '@nestjs/common';
import { TransactionService } from '@estate/database';
import { Estate, EstatesService } from '@estate/estates';
import { InstantRange, periodRange } from '@estate/shared';
import { Brackets } from 'typeorm';
import { CoverageResponse, GuardCoverageRow } from './dto/patrol.dto';
import { coveragePercent, LATE_GRACE_MINUTES, Slot, slotCoverage, slotsBetween } from './patrol-schedule';
import { PatrolCheckpoint, PatrolRound, PatrolRoundMiss, PatrolRoute } from './patrol.entities';

/** A datetime read raw: mysql2 gives a Date, better-sqlite3 the stored UTC text. */
export function rawInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/Z$|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

const slotKey = (routeId: string, start: Date) => `${routeId}|${start.getTime()}`;

/**
 * Patrol coverage for a period: schedule slots expected vs answered, checkpoint coverage of closed
 * rounds started in the period, missed checkpoints by point and guard, a per-guard table.
 */
@Injectable()
export class PatrolCoverageService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
  ) {}

  /** The slots of the estate's routes starting in the range, each clipped to the route's active life. */
  async expectedSlots(estate: Estate, range: InstantRange): Promise<{ route: PatrolRoute; slots: Slot[] }[]> {
    const routes = await this.transactions.dataSource.manager
      .createQueryBuilder(PatrolRoute, 'route')
      .where('route.estate_id = :estateId AND route.created_at < :end', {
        estateId: estate.id,
        end: range.end,
      })
      .andWhere(
        new Brackets((where) =>
          where
            .where('route.deactivated_at IS NULL')
            .orWhere('route.deactivated_at > :start', { start: range.start }),
        ),
      )
      .orderBy('route.name', 'ASC')
      .getMany();
    return routes.map((route) => {
      const start = Math.max(range.start.getTime(), route.createdAt.getTime());
      const end = Math.min(range.end.getTime(), route.deactivatedAt?.getTime() ?? range.end.getTime());
      return {
        route,
        slots: slotsBetween(route, estate.timeZone, { start: new Date(start), end: new Date(end) }),
      };
    });
  }

  /** `routeId|slotStartMs` of every slot in the range some round answered. */
  async answeredSlots(estateId: string, range: InstantRange): Promise<Set<string>> {
    const rows: { routeId: string; slotStart: unknown }[] = await this.transactions.dataSource.manager
      .createQueryBuilder(PatrolRound, 'round')
      .select('round.route_id', 'routeId')
      .addSelect('round.slot_start', 'slotStart')
      .where('round.estate_id = :estateId', { estateId })
      .andWhere('round.slot_start >= :start AND round.slot_start < :end', range)
      .groupBy('round.route_id')
      .addGroupBy('round.slot_start')
      .getRawMany();
    return new Set(rows.map((row) => slotKey(row.routeId, rawInstant(row.slotStart))));
  }

  async coverage(estateId: string, period: string): Promise<CoverageResponse> {
    const estate = await this.estates.require(estateId);
    const range = periodRange(period, estate.timeZone);
    const manager = this.transactions.dataSource.manager;
    const [expected, answered] = await Promise.all([
      this.expectedSlots(estate, range),
      this.answeredSlots(estateId, range),
    ]);
    let expectedSlots = 0;
    let coveredSlots = 0;
    for (const { route, slots } of expected) {
      const routeAnswered = new Set(
        slots
          .filter((slot) => answered.has(slotKey(route.id, slot.start)))
          .map((slot) => slot.start.getTime()),
      );
      const result = slotCoverage(slots, routeAnswered);
      expectedSlots += result.expected;
      coveredSlots += result.covered;
    }
    const guardRows: Record<string, string | number | null>[] = await manager
      .createQueryBuilder(PatrolRound, 'round')
      .select('round.guard_id', 'guardId')
      .addSelect('MAX(round.guard_name)', 'guardName')
      .addSelect('COUNT(*)', 'rounds')
      .addSelect(`SUM(CASE WHEN round.late_minutes > ${LATE_GRACE_MINUTES} THEN 1 ELSE 0 END)`, 'lateRounds')
      .addSelect('SUM(round.expected_count)', 'expectedCheckpoints')
      .addSelect('SUM(round.scanned_count)', 'scannedCheckpoints')
      .addSelect('SUM(round.missed_count)', 'missedCheckpoints')
      .addSelect('SUM(round.out_of_order_count)', 'outOfOrderScans')
      .where("round.estate_id = :estateId AND round.status <> 'in_progress'", { estateId })
      .andWhere('round.started_at >= :start AND round.started_at < :end', range)
      .groupBy('round.guard_id')
      .orderBy('guardName', 'ASC')
      .getRawMany();
    const guards: GuardCoverageRow[] = guardRows.map((row) => ({
      guardId: String(row.guardId),
      guardName: String(row.guardName),
      rounds: Number(row.rounds),
      lateRounds: Number(row.lateRounds ?? 0),
      expectedCheckpoints: Number(row.expectedCheckpoints ?? 0),
      scannedCheckpoints: Number(row.scannedCheckpoints ?? 0),
      missedCheckpoints: Number(row.missedCheckpoints ?? 0),
      outOfOrderScans: Number(row.outOfOrderScans ?? 0),
      coveragePercent: coveragePercent(
        Number(row.scannedCheckpoints ?? 0),
        Number(row.expectedCheckpoints ?? 0),
      ),
    }));
    const missedRows: { id: string; name: string; missed: string | number }[] = await manager
      .createQueryBuilder(PatrolRoundMiss, 'miss')
      .innerJoin(PatrolCheckpoint, 'checkpoint', 'checkpoint.id = miss.checkpoint_id')
      .select('miss.checkpoint_id', 'id')
      .addSelect('MAX(checkpoint.name)', 'name')
      .addSelect('COUNT(*)', 'missed')
      .where('miss.estate_id = :estateId', { estateId })
      .andWhere('miss.round_started_at >= :start AND miss.round_started_at < :end', range)
      .groupBy('miss.checkpoint_id')
      .getRawMany();
    const sum = (key: keyof GuardCoverageRow) => guards.reduce((total, row) => total + Number(row[key]), 0);
    return {
      estateId,
      period,
      rounds: {
        expected: expectedSlots,
        covered: coveredSlots,
        missed: expectedSlots - coveredSlots,
        done: sum('rounds'),
        late: sum('lateRounds'),
      },
      checkpoints: {
        expected: sum('expectedCheckpoints'),
        scanned: sum('scannedCheckpoints'),
        coveragePercent: coveragePercent(sum('scannedCheckpoints'), sum('expectedCheckpoints')),
      },
      missedByCheckpoint: missedRows
        .map((row) => ({ id: row.id, name: row.name, missed: Number(row.missed) }))
        .sort((a, b) => b.missed - a.missed || a.name.localeCompare(b.name)),
      missedByGuard: guards
        .filter((row) => row.missedCheckpoints > 0)
        .map((row) => ({ id: row.guardId, name: row.guardName, missed: row.missedCheckpoints }))
        .sort((a, b) => b.missed - a.missed || a.name.localeCompare(b.name)),
      guards,
    };
  }
}
