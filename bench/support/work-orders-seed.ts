/**
 * The work-order bench estate, shared by bench/work-orders.bench.ts and bench/web.bench.ts: one
 * estate of 20 buildings × 100 units, 20 technicians, `orders` work orders reported over the last
 * 12 months (statuses, deadlines and lateness as the product keeps them; deterministic from fixed
 * seeds), their return visits and the code counters — inserted in bulk, then analysed.
 */
import { User, EstateMembership } from '@estate/auth';
import { CodeCounter } from '@estate/database';
import { DEFAULT_ESTATE_SETTINGS, Estate, Unit } from '@estate/estates';
import { baseColumns } from '@estate/shared';
import {
  computeDeadlines,
  WorkOrder,
  WorkOrderChannel,
  WorkOrderPriority,
  WorkOrderReturnVisit,
  WorkOrderStatus,
} from '@estate/work-orders';
import { DataSource } from 'typeorm';
import { analyzeTables, insertChunked, insertGenerated } from './database';
import { log } from './measure';
import { pick, random, seedEstate, seedUnits } from './seed';

const TECHNICIANS = 20;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
const CATEGORIES = DEFAULT_ESTATE_SETTINGS.workOrderCategories;

export interface WorkOrderEstate {
  estate: Estate;
  units: Unit[];
  technicians: User[];
  returnVisits: number;
}

export async function seedWorkOrderEstate(dataSource: DataSource, ORDERS: number): Promise<WorkOrderEstate> {
  const manager = dataSource.manager;
  const estate = await seedEstate(manager, 'WOBENCH', '工单基准小区');
  const units = await seedUnits(manager, estate, { buildings: 20, unitsPerBuilding: 100 });
  const technicians = Array.from({ length: TECHNICIANS }, (_, index) =>
    manager.create(User, {
      ...baseColumns(),
      username: `tech${index + 1}`,
      displayName: `维修工${index + 1}`,
      passwordHash: 'not-a-password-hash',
      role: 'technician',
      phone: null,
      unitId: null,
      active: true,
      tokenVersion: 0,
      lastLoginAt: null,
    }),
  );
  await insertChunked(manager, User, technicians);
  await insertChunked(
    manager,
    EstateMembership,
    technicians.map((user) => ({ ...baseColumns(), userId: user.id, estateId: estate.id })),
  );

  // 200k report times spread over the last 12 months, in order, so codes follow time per year.
  const now = Date.now();
  const clock = random(42);
  const reportedAt = Array.from({ length: ORDERS }, () => now - 365 * DAY * clock()).sort((a, b) => a - b);
  const yearOf = (time: number) => new Date(time + SHANGHAI_OFFSET).getUTCFullYear();
  const firstOfYear = new Map<number, number>();
  reportedAt.forEach((time, index) => {
    if (!firstOfYear.has(yearOf(time))) firstOfYear.set(yearOf(time), index);
  });
  const ids = reportedAt.map((time) => baseColumns(new Date(time)).id);

  /** Order `index`, a pure function of the index (so return visits can re-derive it). */
  const orderAt = (index: number) => {
    const rnd = random(index + 1000);
    const reported = reportedAt[index];
    const priority = pick<WorkOrderPriority>(rnd, [
      ['urgent', 15],
      ['routine', 75],
      ['planned', 10],
    ]);
    const deadlines = computeDeadlines({
      priority,
      reportedAt: new Date(reported),
      sla: DEFAULT_ESTATE_SETTINGS.sla,
    });
    const inHome = rnd() < 0.6;
    const technician = technicians[Math.floor(rnd() * TECHNICIANS)];
    // Most orders meet their SLA; roughly one in ten is late (urgent arrival or completion).
    const assigned = reported + (priority === 'urgent' ? 2 + rnd() * 13 : 5 + rnd() * 55) * MINUTE;
    const arrived = assigned + (priority === 'urgent' ? 5 + rnd() * 18 : 30 + rnd() * 570) * MINUTE;
    const work =
      priority === 'urgent'
        ? (1 + rnd() * 21) * HOUR
        : priority === 'routine'
          ? (2 + rnd() * 66) * HOUR
          : (1 + rnd() * 40) * HOUR;
    const firstCompleted = arrived + work;
    const rework = rnd() < 0.05 ? 1 : 0;
    const completed = firstCompleted + rework * (1 + rnd() * 2) * DAY;
    const closed = completed + (2 + rnd() * 70) * HOUR;
    const roll = rnd();
    const cancelled = roll < 0.03;
    const stuck = !cancelled && roll < 0.05; // a backlog that never finished
    let status: WorkOrderStatus;
    const at = (time: number) => (time < now && !cancelled ? time : null);
    const assignedAt = cancelled ? null : at(assigned);
    const arrivedAt = at(arrived);
    const firstCompletedAt = stuck ? null : at(firstCompleted);
    const completedAt = stuck ? null : at(completed);
    const closedAt = stuck ? null : at(closed);
    if (cancelled) status = 'cancelled';
    else if (closedAt) status = 'closed';
    else if (completedAt) status = 'completed';
    else if (firstCompletedAt)
      status = 'in_progress'; // rework
    else if (arrivedAt) status = rnd() < 0.15 ? 'on_hold' : 'in_progress';
    else if (assignedAt) status = 'assigned';
    else status = 'reported';
    const arrivalLate =
      deadlines.arrivalDueAt !== null && (arrivedAt ?? now) > deadlines.arrivalDueAt.getTime();
    const completionLate = !cancelled && (firstCompletedAt ?? now) > deadlines.dueAt.getTime();
    const year = yearOf(reported);
    const number = index - firstOfYear.get(year)! + 1;
    const category = CATEGORIES[Math.floor(rnd() * CATEGORIES.length)];
    const date = (time: number | null) => (time === null ? null : new Date(time));
    const row = {
      id: ids[index],
      createdAt: new Date(reported),
      updatedAt: new Date(closedAt ?? completedAt ?? arrivedAt ?? assignedAt ?? reported),
      estateId: estate.id,
      code: `WO-${year}-${String(number).padStart(6, '0')}`,
      unitId: inHome ? units[Math.floor(rnd() * units.length)].id : null,
      assetId: null,
      locationText: inHome ? null : `${1 + Math.floor(rnd() * 20)}号楼 公共区域`,
      category,
      priority,
      channel: pick<WorkOrderChannel>(rnd, [
        ['phone', 40],
        ['walk_in', 15],
        ['resident_app', 30],
        ['patrol', 10],
        ['inspection', 5],
      ]),
      description: `${category} 报修：住户反映设备故障，需要上门检查处理（编号 ${index + 1}）`,
      reporterName: `住户${index % 5000}`,
      reporterPhone: `139${String(10000000 + (index % 90000000)).slice(-8)}`,
      appointmentStartAt: null,
      appointmentEndAt: null,
      status,
      reportedAt: new Date(reported),
      arrivalDueAt: deadlines.arrivalDueAt,
      dueAt: deadlines.dueAt,
      assigneeId: assignedAt ? technician.id : null,
      assigneeName: assignedAt ? technician.displayName : null,
      assignedAt: date(assignedAt),
      arrivedAt: date(arrivedAt),
      arrivalSeconds: arrivedAt ? Math.round((arrivedAt - reported) / 1000) : null,
      firstCompletedAt: date(firstCompletedAt),
      completionSeconds: firstCompletedAt ? Math.round((firstCompletedAt - reported) / 1000) : null,
      completedAt: date(completedAt),
      closedAt: date(closedAt),
      cancelledAt: cancelled ? new Date(reported + 2 * HOUR) : null,
      cancelReason: cancelled ? '住户已自行处理' : null,
      holdReason: status === 'on_hold' ? '等待配件' : null,
      reworkCount: rework && firstCompletedAt ? 1 : 0,
      lastReopenedAt: rework && firstCompletedAt ? new Date(firstCompleted + HOUR) : null,
      arrivalOverdueAt: arrivalLate ? new Date(deadlines.arrivalDueAt!.getTime() + 2 * MINUTE) : null,
      completionOverdueAt: completionLate ? new Date(deadlines.dueAt.getTime() + 3 * MINUTE) : null,
      resolution: firstCompletedAt ? '已更换损坏部件，测试正常' : null,
      labourMinutes: firstCompletedAt ? 30 + Math.floor(rnd() * 240) : null,
      chargeable: false,
      amountFen: null,
      acceptanceResult: closedAt ? ('pass' as const) : null,
      acceptedBy: closedAt ? ('resident' as const) : null,
      acceptedById: null,
      acceptedByName: closedAt ? '住户' : null,
      acceptedAt: date(closedAt),
      satisfaction: closedAt ? ('satisfied' as const) : null,
      acceptanceComment: null,
      createdById: null,
      version: 1,
    };
    const visit = firstCompletedAt !== null && rnd() < 0.7 ? firstCompletedAt + (1 + rnd() * 4) * DAY : null;
    // As the application keeps it: the earliest (here the only) visit, when it has happened.
    return {
      row: { ...row, firstReturnVisitAt: visit !== null && visit < now ? new Date(visit) : null },
      visit,
    };
  };

  await insertGenerated(manager, WorkOrder, ORDERS, (index) => orderAt(index).row, {
    chunk: 1000,
    onProgress: (done) => done % 50_000 === 0 && log(`work orders: ${done}`),
  });
  const visitIndexes = Array.from({ length: ORDERS }, (_, index) => index).filter((index) => {
    const visit = orderAt(index).visit;
    return visit !== null && visit < now;
  });
  await insertGenerated(manager, WorkOrderReturnVisit, visitIndexes.length, (position) => {
    const index = visitIndexes[position];
    const visitedAt = new Date(orderAt(index).visit!);
    return {
      ...baseColumns(visitedAt),
      workOrderId: ids[index],
      estateId: estate.id,
      method: 'phone' as const,
      visitorId: null,
      visitorName: '前台',
      visitedAt,
      satisfaction: 'satisfied' as const,
      comment: null,
    };
  });
  await insertChunked(
    manager,
    CodeCounter,
    [...firstOfYear.keys()].map((year) => ({
      estateId: estate.id,
      scope: 'WO',
      year,
      value: reportedAt.filter((time) => yearOf(time) === year).length,
    })),
  );
  await analyzeTables(dataSource, ['work_orders', 'work_order_return_visits']);
  return { estate, units, technicians, returnVisits: visitIndexes.length };
}
