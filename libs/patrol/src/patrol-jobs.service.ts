import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobRunner, TransactionService } from '@estate/database';
import { Estate, EstatesService } from '@estate/estates';
import { addDaysToLocalDate, Clock, startOfLocalDate } from '@estate/shared';
import { PatrolCoverageService } from './patrol-coverage.service';
import { missedSlots, slotCoverage } from './patrol-schedule';
import { PatrolMissedSlot, PatrolRound, PatrolRoute } from './patrol.entities';
import { PatrolService } from './patrol.service';

export const MISSED_SLOTS_JOB = 'patrol.missed-slots';

export type MissedSlotsOutcome =
  | { outcome: 'flagged'; flagged: number }
  | { outcome: 'skipped'; reason: 'already_succeeded' | 'running_elsewhere' | 'slots_not_ended' };

const MINUTE = 60_000;

/**
 * Scheduled patrol work: closing rounds left open (after 2 × the expected duration) and flagging
 * schedule slots no round answered. Both are plain methods so tests and operators run the same code.
 */
@Injectable()
export class PatrolJobsService {
  private readonly logger = new Logger(PatrolJobsService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly jobs: JobRunner,
    private readonly clock: Clock,
    private readonly patrol: PatrolService,
    private readonly coverage: PatrolCoverageService,
  ) {}

  @Cron('*/10 * * * *')
  async sweep(): Promise<void> {
    for (const estate of await this.estates.allActive()) {
      try {
        await this.closeOverdueRounds(estate.id);
        await this.flagMissedSlots(estate.id, addDaysToLocalDate(this.estates.today(estate), -1));
      } catch (error) {
        this.logger.error(`Patrol sweep for estate ${estate.code} failed: ${String(error)}`);
      }
    }
  }

  /**
   * Closes in-progress rounds of the estate whose start + 2 × expected duration has passed. The
   * round's finishedAt is that deadline, so the outcome does not depend on when the sweep ran.
   */
  async closeOverdueRounds(estateId: string): Promise<number> {
    const now = this.clock.now();
    const open = await this.transactions.dataSource.manager
      .createQueryBuilder(PatrolRound, 'round')
      .innerJoin(PatrolRoute, 'route', 'route.id = round.route_id')
      .addSelect('route.expected_duration_minutes', 'expectedDurationMinutes')
      .where("round.estate_id = :estateId AND round.status = 'in_progress' AND round.started_at < :now", {
        estateId,
        now,
      })
      .getRawAndEntities();
    let closed = 0;
    for (const [index, round] of open.entities.entries()) {
      const minutes = Number(open.raw[index].expectedDurationMinutes);
      const deadline = new Date(round.startedAt.getTime() + 2 * minutes * MINUTE);
      if (deadline.getTime() > now.getTime()) continue;
      await this.transactions.run(async (manager) => {
        const current = await manager.findOneByOrFail(PatrolRound, { id: round.id });
        if (current.status !== 'in_progress') return;
        await this.patrol.closeRound(manager, current, 'expire', deadline, { id: null, name: 'system' });
        closed++;
      });
    }
    return closed;
  }

  /**
   * Flags the slots of local date `date` (slots whose window opened that day) that no round answered,
   * once all of them have ended. Idempotent: one job-ledger run per estate and date, and a unique
   * (route, slot start) row per missed slot.
   */
  async flagMissedSlots(estateId: string, date: string): Promise<MissedSlotsOutcome> {
    const key = `${estateId}:${date}`;
    // The sweep asks every 10 minutes: answer from the ledger without a failing insert each time.
    if ((await this.jobs.find(MISSED_SLOTS_JOB, key))?.status === 'succeeded')
      return { outcome: 'skipped', reason: 'already_succeeded' };
    const estate = await this.estates.require(estateId);
    const range = {
      start: startOfLocalDate(date, estate.timeZone),
      end: startOfLocalDate(addDaysToLocalDate(date, 1), estate.timeZone),
    };
    const expected = await this.coverage.expectedSlots(estate, range);
    const now = this.clock.now();
    if (expected.some(({ slots }) => slots.some((slot) => slot.end.getTime() > now.getTime())))
      return { outcome: 'skipped', reason: 'slots_not_ended' };
    const run = await this.jobs.runOnce(MISSED_SLOTS_JOB, key, () =>
      this.recordMissedSlots(estate, expected, range),
    );
    return run.outcome === 'ran'
      ? { outcome: 'flagged', flagged: run.result }
      : { outcome: 'skipped', reason: run.reason };
  }

  private async recordMissedSlots(
    estate: Estate,
    expected: Awaited<ReturnType<PatrolCoverageService['expectedSlots']>>,
    range: { start: Date; end: Date },
  ): Promise<number> {
    const answered = await this.coverage.answeredSlots(estate.id, range);
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      let flagged = 0;
      for (const { route, slots } of expected) {
        const routeAnswered = new Set(
          slots
            .filter((slot) => answered.has(`${route.id}|${slot.start.getTime()}`))
            .map((slot) => slot.start.getTime()),
        );
        if (slotCoverage(slots, routeAnswered).missed === 0) continue;
        for (const slot of missedSlots(slots, routeAnswered, now)) {
          if (await manager.existsBy(PatrolMissedSlot, { routeId: route.id, slotStart: slot.start }))
            continue;
          await manager.save(
            manager.create(PatrolMissedSlot, {
              estateId: estate.id,
              routeId: route.id,
              slotStart: slot.start,
              slotEnd: slot.end,
              detectedAt: now,
            }),
          );
          flagged++;
        }
      }
      return flagged;
    });
  }
}
