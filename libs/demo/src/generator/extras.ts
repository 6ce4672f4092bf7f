import { User } from '@estate/auth';
import { CleaningLog, CleaningZone } from '@estate/cleaning';
import { Estate, Unit } from '@estate/estates';
import {
  PatrolCheckpoint,
  PatrolMissedSlot,
  PatrolRound,
  PatrolRoundMiss,
  PatrolRoute,
  PatrolRouteCheckpoint,
  PatrolScan,
  slotsBetween,
} from '@estate/patrol';
import { periodRange } from '@estate/shared';
import { StaffMember } from '@estate/staff';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import type { GeneratorParameters } from './generate';
import { checkpointCount, checkpointNames } from './names';
import { Prng } from './prng';

const MINUTE = 60_000;

/** What generateEstate hands to the module generators that live outside it. */
export interface ExtrasContext {
  estate: Estate;
  units: Unit[];
  /** How many buildings (numbered 1…n): checkpoints name only these. */
  buildings: number;
  staff: StaffMember[];
  zones: CleaningZone[];
  cleaner: User;
  /** Guards who walk the patrol rounds (default: four generated accounts). */
  guards?: User[];
  periods: string[];
  /** Generation "today" (ms): nothing happens after it. */
  now: number;
  parameters: GeneratorParameters;
  base: (at?: Date) => { id: string; createdAt: Date; updatedAt: Date };
  insert: <T extends ObjectLiteral>(entity: EntityTarget<T>, table: string, list: T[]) => Promise<void>;
}

/**
 * Patrol (checkpoints, routes, a year of rounds with scans, a few late or short rounds, missed
 * checkpoints and missed slots) and cleaning logs (each zone cleaned at its frequency, a few days
 * skipped). Uses its own Prng (seed-derived), so the rows generateEstate made before are unchanged.
 */
export async function generateExtras(context: ExtrasContext): Promise<void> {
  const random = new Prng(context.parameters.seed ^ 0x7a7a01);
  await generatePatrol(context, random);
  await generateCleaningLogs(context, random);
}

async function generatePatrol(context: ExtrasContext, random: Prng): Promise<void> {
  const { estate, base, insert, parameters, periods, now } = context;
  const timeZone = parameters.timeZone;
  const created = new Date(periodRange(periods[0], timeZone).start.getTime() - 30 * 24 * 60 * MINUTE);
  const guards =
    context.guards ??
    ['甲', '乙', '丙', '丁'].map(
      (suffix, index) =>
        ({
          ...base(created),
          username: `bench-guard-${index + 1}-${estate.code.toLowerCase()}`,
          displayName: `保安 ${suffix}`,
          passwordHash: 'bench-no-login',
          role: 'security',
          phone: null,
          unitId: null,
          active: true,
          tokenVersion: 0,
          lastLoginAt: null,
        }) as User,
    );
  if (!context.guards) await insert(User, 'users', guards);

  // One checkpoint per ~250 units (at least the gates and each building's entrance and fire escape).
  const count = checkpointCount(context.units.length, context.buildings);
  const checkpoints: PatrolCheckpoint[] = checkpointNames(context.buildings, count).map(
    ({ name, location }, c) =>
      ({
        ...base(created),
        estateId: estate.id,
        name,
        location,
        tagValue: `${estate.code}-CP-${String(c + 1).padStart(3, '0')}`.toUpperCase(),
        active: true,
      }) as PatrolCheckpoint,
  );
  await insert(PatrolCheckpoint, 'patrol_checkpoints', checkpoints);

  // Two routes over halves of the checkpoints: a night route every 2 h, a day route every 4 h.
  const half = Math.ceil(checkpoints.length / 2);
  const plans = [
    {
      name: '夜间巡逻',
      intervalMinutes: 120,
      activeFrom: '20:00',
      activeTo: '06:00',
      points: checkpoints.slice(0, half),
    },
    {
      name: '日间巡逻',
      intervalMinutes: 240,
      activeFrom: '08:00',
      activeTo: '20:00',
      points: checkpoints.slice(half),
    },
  ];
  const routes: { route: PatrolRoute; points: PatrolCheckpoint[] }[] = [];
  const routeCheckpoints: PatrolRouteCheckpoint[] = [];
  for (const plan of plans) {
    const route = {
      ...base(created),
      estateId: estate.id,
      name: plan.name,
      expectedDurationMinutes: plan.points.length * 4,
      intervalMinutes: plan.intervalMinutes,
      activeFrom: plan.activeFrom,
      activeTo: plan.activeTo,
      active: true,
      deactivatedAt: null,
    } as PatrolRoute;
    routes.push({ route, points: plan.points });
    plan.points.forEach((point, position) =>
      routeCheckpoints.push({
        ...base(created),
        routeId: route.id,
        checkpointId: point.id,
        position,
      } as PatrolRouteCheckpoint),
    );
  }
  await insert(
    PatrolRoute,
    'patrol_routes',
    routes.map(({ route }) => route),
  );
  await insert(PatrolRouteCheckpoint, 'patrol_route_checkpoints', routeCheckpoints);

  // Month by month: 97% of slots get a round (a few late), 3% are missed; 2% of checkpoints skipped.
  for (const period of periods) {
    const range = periodRange(period, timeZone);
    const rounds: PatrolRound[] = [];
    const scans: PatrolScan[] = [];
    const misses: PatrolRoundMiss[] = [];
    const missedSlots: PatrolMissedSlot[] = [];
    for (const { route, points } of routes) {
      for (const slot of slotsBetween(route, timeZone, range)) {
        if (slot.end.getTime() > now) continue;
        if (random.chance(0.03)) {
          missedSlots.push({
            ...base(slot.end),
            estateId: estate.id,
            routeId: route.id,
            slotStart: slot.start,
            slotEnd: slot.end,
            detectedAt: new Date(slot.end.getTime() + random.int(1, 10) * 60 * MINUTE),
          } as PatrolMissedSlot);
          continue;
        }
        const guard = random.pick(guards);
        const lateMinutes = random.chance(0.06) ? random.int(16, 60) : random.int(0, 10);
        const startedAt = new Date(slot.start.getTime() + lateMinutes * MINUTE + random.int(0, 59) * 1000);
        const round = {
          ...base(startedAt),
          estateId: estate.id,
          clientId: null,
          routeId: route.id,
          guardId: guard.id,
          guardName: guard.displayName,
          status: random.chance(0.01) ? 'auto_closed' : 'finished',
          startedAt,
          finishedAt: null as Date | null,
          slotStart: slot.start,
          lateMinutes,
          expectedCheckpointIds: points.map((point) => point.id),
          expectedCount: points.length,
          scannedCount: 0,
          missedCount: 0,
          outOfOrderCount: 0,
          version: 1,
        } as PatrolRound;
        let at = startedAt.getTime();
        for (const point of points) {
          at += random.int(2, 6) * MINUTE;
          if (random.chance(0.02)) {
            misses.push({
              ...base(startedAt),
              estateId: estate.id,
              roundId: round.id,
              routeId: route.id,
              checkpointId: point.id,
              guardId: guard.id,
              roundStartedAt: startedAt,
            } as PatrolRoundMiss);
            round.missedCount++;
            continue;
          }
          const abnormal = random.chance(0.005);
          scans.push({
            ...base(new Date(at)),
            estateId: estate.id,
            clientId: null,
            roundId: round.id,
            checkpointId: point.id,
            scannedAt: new Date(at),
            note: null,
            abnormal,
            abnormalDescription: abnormal ? '门禁损坏' : null,
            outOfOrder: false,
            incidentId: null,
            workOrderId: null,
          } as PatrolScan);
          round.scannedCount++;
        }
        round.finishedAt =
          round.status === 'auto_closed' ? new Date(slot.end.getTime()) : new Date(at + MINUTE);
        rounds.push(round);
      }
    }
    await insert(PatrolRound, 'patrol_rounds', rounds);
    await insert(PatrolScan, 'patrol_scans', scans);
    await insert(PatrolRoundMiss, 'patrol_round_misses', misses);
    await insert(PatrolMissedSlot, 'patrol_missed_slots', missedSlots);
  }
}

async function generateCleaningLogs(context: ExtrasContext, random: Prng): Promise<void> {
  const { estate, base, insert, parameters, periods, now, zones, cleaner } = context;
  const tasks = ['清扫', '拖地', '垃圾清运', '擦拭扶手'];
  for (const period of periods) {
    const { start, end } = periodRange(period, parameters.timeZone);
    const logs: CleaningLog[] = [];
    for (let day = start.getTime(); day < end.getTime(); day += 24 * 60 * MINUTE) {
      for (const zone of zones) {
        for (let time = 0; time < zone.frequencyTimes; time++) {
          if (random.chance(0.02)) continue; // a skipped clean
          const startedAt = new Date(day + (7 + time * 4) * 60 * MINUTE + random.int(0, 90) * MINUTE);
          const finishedAt = new Date(startedAt.getTime() + random.int(20, 90) * MINUTE);
          if (finishedAt.getTime() > now) continue;
          logs.push({
            ...base(startedAt),
            estateId: estate.id,
            clientId: null,
            zoneId: zone.id,
            cleanerId: cleaner.id,
            cleanerName: cleaner.displayName,
            startedAt,
            finishedAt,
            tasks: [random.pick(tasks)],
            note: null,
            reCleanForInspectionId: null,
          } as CleaningLog);
        }
      }
    }
    await insert(CleaningLog, 'cleaning_logs', logs);
  }
}
