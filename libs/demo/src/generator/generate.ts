import { createHash } from 'node:crypto';
import {
  Asset,
  AssetConditionRecord,
  CONDITION_OPEN_END,
  KpiGroup,
  KPI_GROUP_UNITS,
  KPI_GROUPS,
} from '@estate/assets';
import { CleaningInspection, CleaningZone } from '@estate/cleaning';
import { Complaint, COMPLAINT_CATEGORIES, INVALID_REASONS } from '@estate/complaints';
import { User } from '@estate/auth';
import { Building, Estate, Resident, Unit } from '@estate/estates';
import { Bill, FeeAllocation, FeeItem, Payment, PAYMENT_METHODS } from '@estate/fees';
import { SafetyIncident } from '@estate/safety';
import {
  addDaysToLocalDate,
  baseColumns,
  daysInPeriod,
  lastDateOfPeriod,
  localDateOf,
  periodRange,
  periodsBetween,
  shiftPeriod,
} from '@estate/shared';
import { SPECIAL_OPERATION_ROLES, StaffCertificate, StaffMember, StaffTraining } from '@estate/staff';
import { Survey, SurveyResponse } from '@estate/surveys';
import { WorkOrder, WorkOrderReturnVisit } from '@estate/work-orders';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { CodeCounter } from '@estate/database';
import { generateExtras } from './extras';
import { assetName, zoneNames } from './names';
import { DeterministicIds, Prng } from './prng';

export interface GeneratorParameters {
  units: number;
  /** Last generated month (the scorecard month). */
  lastPeriod: string;
  months: number;
  timeZone: string;
  seed: number;
  /**
   * Complaints and safety incidents a month are numbers for a 5,000-unit estate; a smaller one gets
   * this share of them (default 1: the numbers as they are, whatever the units).
   */
  eventScale?: number;
  /** Estate code and name (default BENCH5K / 基准花园); several estates need distinct codes. */
  code?: string;
  name?: string;
}

export const DEFAULT_PARAMETERS: GeneratorParameters = {
  units: 5000,
  lastPeriod: '2026-10',
  months: 12,
  timeZone: 'Asia/Shanghai',
  seed: 20261031,
};

/** An estate that exists already (the demo's registry): the generator adds its activity only. */
export interface ExistingEstate {
  estate: Estate;
  buildings: Building[];
  units: Unit[];
  /** Units with a resident who has not moved out answer the surveys. */
  residents: Resident[];
}

export interface GeneratorOptions {
  /** Generation "today": nothing is dated after it (default: three weeks after lastPeriod). */
  now?: Date;
  /** Fill this estate instead of creating one (parameters.units, code and name are then unused). */
  existing?: ExistingEstate;
  /** Accounts to use instead of generated ones: who repairs, who cleans, who inspects, who patrols. */
  accounts?: { technicians?: User[]; cleaner?: User; inspector?: User; guards?: User[] };
}

export interface GenerationResult {
  estate: Estate;
  rows: Record<string, number>;
  seconds: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHUNK = 1000;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛'];
// The default work-order categories of an estate (WorkOrdersService rejects others).
const REPAIR_CATEGORIES = ['plumbing', 'electrical', 'door_access', 'elevator', 'civil', 'other'];
/** What residents report, by category. */
const REPAIR_DESCRIPTIONS: Record<string, string[]> = {
  plumbing: ['厨房水槽下水管漏水', '卫生间地漏堵塞', '热水器进水阀滴水', '马桶水箱一直流水'],
  electrical: ['客厅插座没电', '卫生间浴霸不亮', '跳闸后合不上', '楼道感应灯不亮'],
  door_access: ['单元门禁刷卡无反应', '入户门锁芯卡住', '楼道防火门关不严'],
  elevator: ['电梯运行有异响', '电梯按钮失灵', '电梯门开关很慢'],
  civil: ['卫生间墙面渗水', '阳台地砖空鼓', '外墙窗台渗水', '天花板有裂缝'],
  other: ['阳台晾衣架损坏', '信报箱锁坏了', '窗户纱窗脱落'],
};
const COMPLAINT_DESCRIPTIONS: Record<string, string[]> = {
  service_attitude: ['客服电话无人接听', '前台答复敷衍'],
  repair_quality: ['维修后问题复发', '维修师傅没有清理现场'],
  cleanliness: ['楼道垃圾未及时清理', '电梯轿厢有异味'],
  security: ['夜间陌生人进入小区', '车库有车辆被剐蹭'],
  noise_neighbours: ['楼上夜间装修噪音', '邻居宠物扰民'],
  fees: ['物业费账单金额有疑问', '停车费收费标准不清楚'],
  facilities: ['健身器材损坏未修', '中心花园路灯不亮'],
  other: ['快递堆放在大堂', '小区内电动车乱停'],
};

/**
 * Fills ONE estate with a year of realistic, deterministic data (same parameters and options ⇒ same
 * rows), by multi-row inserts of ~1000 rows. Columns and value formats follow each library's
 * entities. Nothing is dated after `options.now`: events of the last month that would happen later
 * are left out, and orders, complaints and incidents still open then stay open. With a DataSource
 * each statement commits on its own; with an EntityManager they run in its transaction.
 */
export async function generateEstate(
  target: DataSource | EntityManager,
  parameters: GeneratorParameters = DEFAULT_PARAMETERS,
  options: GeneratorOptions = {},
): Promise<GenerationResult> {
  const manager = target instanceof DataSource ? target.manager : target;
  const started = Date.now();
  const random = new Prng(parameters.seed);
  const rows: Record<string, number> = {};
  const { timeZone } = parameters;
  const periods = periodsBetween(
    shiftPeriod(parameters.lastPeriod, 1 - parameters.months),
    parameters.lastPeriod,
  );
  // Fixed month positions (surveys in months 5 and 11, …) fall back to the last month of shorter runs.
  const periodAt = (index: number) => periods[Math.min(periods.length - 1, index)];
  const firstStart = periodRange(periods[0], timeZone).start;
  const lastEnd = periodRange(parameters.lastPeriod, timeZone).end;
  const now = options.now?.getTime() ?? lastEnd.getTime() + 21 * DAY; // generation "today"
  const today = localDateOf(new Date(now), timeZone);
  const until = new Date(Math.min(lastEnd.getTime(), now)); // the end of the generated months
  const created = new Date(firstStart.getTime() - 30 * DAY);
  const ids = new DeterministicIds(parameters.seed);
  const base = (at: Date = created) => ({ ...baseColumns(at), id: ids.uuid(at) });
  const name = () =>
    random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.5) ? random.pick(GIVEN) : '');
  const phone = () => `13${random.int(100000000, 999999999)}`;
  const at = (start: Date, end: Date) =>
    new Date(start.getTime() + Math.floor(random.next() * (end.getTime() - start.getTime())));
  const localDate = (instant: Date) => localDateOf(instant, timeZone);
  const yearOf = (instant: Date) => localDate(instant).slice(0, 4);
  const counters = new Map<string, number>();
  const code = (prefix: string, instant: Date) => {
    const key = `${prefix}-${yearOf(instant)}`;
    const next = (counters.get(key) ?? 0) + 1;
    counters.set(key, next);
    return `${key}-${String(next).padStart(6, '0')}`;
  };

  async function insert<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    table: string,
    list: T[],
  ): Promise<void> {
    // SQLite binds at most 32,766 parameters a statement: smaller chunks there.
    const chunk = manager.connection.options.type === 'better-sqlite3' ? 200 : CHUNK;
    for (let index = 0; index < list.length; index += chunk) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(list.slice(index, index + chunk) as never)
        .updateEntity(false)
        .execute();
    }
    rows[table] = (rows[table] ?? 0) + list.length;
  }

  const beforeYear = localDate(new Date(firstStart.getTime() - DAY));
  /** A new estate: buildings, units and residents. */
  async function createRegistry() {
    // Estate, buildings, units. 80 units a building (20 floors × 4); 3% commercial on the ground floor.
    const estate = {
      ...base(),
      code: parameters.code ?? 'BENCH5K',
      name: parameters.name ?? '基准花园',
      address: '上海市浦东新区基准路 1 号',
      timeZone,
      settings: null,
      active: true,
    } as Estate;
    await insert(Estate, 'estates', [estate]);
    const buildings: Building[] = [];
    const units: Unit[] = [];
    const perBuilding = 80;
    for (let b = 0; b * perBuilding < parameters.units; b++) {
      const building = {
        ...base(),
        estateId: estate.id,
        number: String(b + 1),
        name: `${b + 1}号楼`,
        floors: 20,
        floorAreaHundredths: 0,
      } as Building;
      buildings.push(building);
      for (let k = 0; k < perBuilding && units.length < parameters.units; k++) {
        const floor = Math.floor(k / 4) + 1;
        const area = random.int(6000, 14000);
        building.floorAreaHundredths! += area;
        units.push({
          ...base(),
          estateId: estate.id,
          buildingId: building.id,
          number: `${floor}${String((k % 4) + 1).padStart(2, '0')}`,
          floor,
          floorAreaHundredths: area,
          type: floor === 1 && random.chance(0.3) ? 'commercial' : 'residential',
        } as Unit);
      }
    }
    await insert(Building, 'buildings', buildings);
    await insert(Unit, 'units', units);

    // Residents: ~92% of units occupied at the end; some moved in during the year, some moved out.
    const residents: Resident[] = [];
    const occupiedAtEnd = new Set<string>();
    for (const unit of units) {
      const roll = random.next();
      const longAgo = addDaysToLocalDate(beforeYear, -random.int(30, 3000));
      const inYear = localDate(at(firstStart, until));
      const resident = (moveInDate: string, moveOutDate: string | null) =>
        ({
          ...base(),
          estateId: estate.id,
          unitId: unit.id,
          name: name(),
          phone: phone(),
          relation: random.chance(0.8) ? 'owner' : 'tenant',
          moveInDate,
          moveOutDate,
        }) as Resident;
      if (roll < 0.88) {
        residents.push(resident(longAgo, null));
        occupiedAtEnd.add(unit.id);
      } else if (roll < 0.92) {
        residents.push(resident(inYear, null)); // moved in this year
        occupiedAtEnd.add(unit.id);
      } else if (roll < 0.95) {
        residents.push(resident(longAgo, inYear)); // moved out this year, empty since
      }
      // else: empty all year
    }
    await insert(Resident, 'residents', residents);
    return { estate, buildings, units, occupiedAtEnd, residents };
  }
  /** The given estate; units with a resident who has not moved out are occupied. */
  function existingRegistry({ estate, buildings, units, residents }: ExistingEstate) {
    const occupiedAtEnd = new Set(
      residents.filter((resident) => !resident.moveOutDate).map((resident) => resident.unitId),
    );
    return { estate, buildings, units, occupiedAtEnd, residents };
  }
  const { estate, buildings, units, occupiedAtEnd, residents } = options.existing
    ? existingRegistry(options.existing)
    : await createRegistry();

  // Who calls about a unit: the resident living there at the end (name and phone as in the
  // registry, so the caller lookup shows the same person), else someone unnamed in it.
  const household = new Map<string, { name: string; phone: string | null }>();
  for (const resident of residents)
    if (!resident.moveOutDate) household.set(resident.unitId, { name: resident.name, phone: resident.phone });
  const caller = (unitId: string) => {
    const known = household.get(unitId);
    return known ? { name: known.name, phone: known.phone ?? phone() } : { name: name(), phone: phone() };
  };

  // parameters.eventScale of the complaints and incidents (rounded up or down at random, so a
  // fraction still happens some months).
  const scale = parameters.eventScale ?? 1;
  const scaled = (count: number) => (scale === 1 ? count : Math.floor(count * scale + random.next()));

  // Management fee: ¥2.355 per m² per month, one bill per unit per month, due on the last day.
  const priceCentiFen = 23550;
  const feeItem = {
    ...base(),
    estateId: estate.id,
    name: '物业管理费',
    category: 'management_fee',
    basis: 'per_area',
    priceCentiFen,
    unitTypes: ['residential', 'commercial'],
    meterType: null,
    activeFrom: periods[0],
    activeTo: null,
    active: true,
  } as FeeItem;
  await insert(FeeItem, 'fee_items', [feeItem]);
  // Payment habits per unit: 3% chronic arrears (rarely pay), 17% late, the rest on time.
  const habit = new Map(
    units.map((unit) => [
      unit.id,
      random.weighted([
        ['arrears', 3],
        ['late', 17],
        ['on_time', 80],
      ] as const),
    ]),
  );
  let paymentNumber = 0;
  for (const period of periods) {
    const { start, end } = periodRange(period, timeZone);
    const bills: Bill[] = [];
    const payments: Payment[] = [];
    const allocations: FeeAllocation[] = [];
    for (const unit of units) {
      const amountFen = Math.round((unit.floorAreaHundredths * priceCentiFen) / 10000);
      const kind = habit.get(unit.id)!;
      let paidAt: Date | null = null;
      if (kind === 'on_time') paidAt = at(start, new Date(end.getTime() - 2 * DAY));
      else if (kind === 'late')
        paidAt = new Date(end.getTime() + random.int(3, 75) * DAY + random.int(0, 20) * HOUR);
      else if (random.chance(0.15)) paidAt = new Date(end.getTime() + random.int(60, 200) * DAY);
      if (paidAt && paidAt.getTime() > now) paidAt = null;
      const bill = {
        ...base(start),
        estateId: estate.id,
        buildingId: unit.buildingId,
        unitId: unit.id,
        feeItemId: feeItem.id,
        billingRunId: null,
        period,
        category: 'management_fee',
        itemName: feeItem.name,
        amountFen,
        paidFen: paidAt ? amountFen : 0,
        waivedFen: 0,
        dueDate: lastDateOfPeriod(period),
        billedDays: daysInPeriod(period),
        daysInPeriod: daysInPeriod(period),
        quantityHundredths: null,
      } as Bill;
      bills.push(bill);
      if (!paidAt) continue;
      paymentNumber++;
      const payment = {
        ...base(paidAt),
        estateId: estate.id,
        unitId: unit.id,
        receiptCode: code('RC', paidAt),
        status: 'recorded',
        amountFen,
        creditFen: 0,
        method: random.pick(PAYMENT_METHODS),
        paidAt,
        payerName: household.get(unit.id)?.name ?? name(),
        reference: null,
        idempotencyKey: `bench-${paymentNumber}`,
        requestHash: createHash('sha256').update(`bench-${paymentNumber}`).digest('hex'),
        reversesPaymentId: null,
        reversedByPaymentId: null,
        reversedAt: null,
        reversalReason: null,
        recordedById: null,
        recordedByName: '收银员',
      } as Payment;
      payments.push(payment);
      allocations.push({
        ...base(paidAt),
        estateId: estate.id,
        unitId: unit.id,
        billId: bill.id,
        billPeriod: bill.period,
        billCategory: bill.category,
        buildingId: bill.buildingId,
        paymentId: payment.id,
        source: 'payment',
        amountFen,
        paidAt,
        reversedAt: null,
      } as FeeAllocation);
    }
    await insert(Bill, 'bills', bills);
    await insert(Payment, 'payments', payments);
    await insert(FeeAllocation, 'fee_allocations', allocations);
  }

  // Staff: 60 people, 8 managers, 12 special-operation roles with certificates, trainings through the year.
  const staff: StaffMember[] = [];
  const trainings: StaffTraining[] = [];
  const certificates: StaffCertificate[] = [];
  for (let s = 0; s < 60; s++) {
    const isManagement = s < 8;
    const role = s >= 8 && s < 20 ? SPECIAL_OPERATION_ROLES[s % SPECIAL_OPERATION_ROLES.length] : null;
    const member = {
      ...base(),
      estateId: estate.id,
      userId: null,
      name: name(),
      employeeNumber: `E${String(s + 1).padStart(4, '0')}`,
      position: isManagement ? '主管' : role ? '技工' : '服务员',
      department: isManagement ? '管理处' : role ? '工程部' : '客服部',
      isManagement,
      specialOperationRole: role,
      hiredAt: addDaysToLocalDate(beforeYear, -random.int(100, 2000)),
      leftAt: null,
    } as StaffMember;
    const leavesOn = addDaysToLocalDate(lastDateOfPeriod(periodAt(5)), 1);
    if (s === 59 && leavesOn <= today) member.leftAt = leavesOn;
    staff.push(member);
    for (let q = 0; q < 4; q++) {
      const period = periodAt(q * 3 + random.int(0, 2));
      const passed = !(isManagement && s === 7 && q > 0) && random.chance(0.95);
      const training = {
        ...base(),
        estateId: estate.id,
        staffId: member.id,
        course: `季度业务培训 ${q + 1}`,
        category: random.chance(0.7) || isManagement ? 'professional' : 'safety',
        trainedOn: `${period}-${String(random.int(1, 28)).padStart(2, '0')}`,
        hoursHundredths: random.pick([150, 200, 400]),
        result: passed ? 'pass' : 'fail',
        score: passed ? random.int(70, 100) : random.int(30, 59),
        trainer: '培训中心',
      } as StaffTraining;
      if (training.trainedOn <= today) trainings.push(training);
    }
    if (role) {
      const issuedAt = addDaysToLocalDate(beforeYear, -random.int(100, 1000));
      // One of them lets the certificate lapse in the last month.
      const expiresAt =
        s === 9
          ? addDaysToLocalDate(lastDateOfPeriod(parameters.lastPeriod), -10)
          : addDaysToLocalDate(issuedAt, 6 * 365);
      certificates.push({
        ...base(),
        estateId: estate.id,
        staffId: member.id,
        type: role,
        number: `T${random.int(100000000, 999999999)}`,
        authority: '应急管理局',
        issuedAt,
        expiresAt,
        reviewDueAt: null,
      } as StaffCertificate);
    }
  }
  await insert(StaffMember, 'staff_members', staff);
  await insert(StaffTraining, 'staff_trainings', trainings);
  await insert(StaffCertificate, 'staff_certificates', certificates);
  const technicians: { id: string; name: string }[] =
    options.accounts?.technicians?.map((user) => ({ id: user.id, name: user.displayName })) ??
    staff.filter((member) => !member.isManagement).slice(0, 30);

  // Work orders: ~1 per 10 units per month; SLA by priority; a few late, some reworked, most visited.
  const workOrders: WorkOrder[] = [];
  const visits: WorkOrderReturnVisit[] = [];
  for (const period of periods) {
    const { start, end } = periodRange(period, timeZone);
    const count = Math.round((units.length / 10) * (0.9 + random.next() * 0.2));
    for (let w = 0; w < count; w++) {
      const unit = random.pick(units);
      const reportedAt = at(start, end);
      if (reportedAt.getTime() > now) continue;
      const category = random.pick(REPAIR_CATEGORIES);
      const reporter = caller(unit.id);
      const priority = random.weighted([
        ['urgent', 10],
        ['routine', 75],
        ['planned', 15],
      ] as const);
      const dueAt = new Date(
        reportedAt.getTime() +
          (priority === 'urgent' ? 4 * HOUR : priority === 'routine' ? 48 * HOUR : 7 * DAY),
      );
      const arrivalDueAt = priority === 'urgent' ? new Date(reportedAt.getTime() + 30 * 60_000) : null;
      const assignee = random.pick(technicians);
      const late = random.chance(0.07);
      const span = dueAt.getTime() - reportedAt.getTime();
      const firstCompletedAt = new Date(
        reportedAt.getTime() +
          (late ? span + random.int(1, 48) * HOUR : Math.floor(span * (0.2 + 0.75 * random.next()))),
      );
      const arrivedAt = new Date(
        reportedAt.getTime() +
          (priority === 'urgent'
            ? random.int(5, random.chance(0.05) ? 50 : 29) * 60_000
            : Math.floor((firstCompletedAt.getTime() - reportedAt.getTime()) * 0.3)),
      );
      const cancelled = random.chance(0.02) && reportedAt.getTime() + HOUR <= now;
      const reworked = !cancelled && random.chance(0.04);
      const completedAt = reworked
        ? new Date(firstCompletedAt.getTime() + random.int(24, 72) * HOUR)
        : firstCompletedAt;
      const closedAt = new Date(completedAt.getTime() + random.int(2, 72) * HOUR);
      // Not completed by `now` (only near the end of a run that ends today): as far as it has got.
      const open = completedAt.getTime() > now;
      const arrived = arrivedAt.getTime() <= now;
      const order = {
        ...base(reportedAt),
        estateId: estate.id,
        code: code('WO', reportedAt),
        unitId: unit.id,
        assetId: null,
        locationText: null,
        category,
        priority,
        channel: random.pick(['phone', 'walk_in', 'resident_app'] as const),
        description: random.pick(REPAIR_DESCRIPTIONS[category]),
        reporterName: reporter.name,
        reporterPhone: reporter.phone,
        appointmentStartAt: null,
        appointmentEndAt: null,
        status: cancelled
          ? 'cancelled'
          : open
            ? arrived
              ? 'in_progress'
              : 'assigned'
            : closedAt.getTime() > now
              ? 'completed'
              : 'closed',
        reportedAt,
        arrivalDueAt,
        dueAt,
        assigneeId: assignee.id,
        assigneeName: assignee.name,
        assignedAt: new Date(reportedAt.getTime() + random.int(2, 20) * 60_000),
        arrivedAt: cancelled || !arrived ? null : arrivedAt,
        arrivalSeconds:
          cancelled || !arrived ? null : Math.round((arrivedAt.getTime() - reportedAt.getTime()) / 1000),
        firstCompletedAt: cancelled || open ? null : firstCompletedAt,
        completionSeconds:
          cancelled || open ? null : Math.round((firstCompletedAt.getTime() - reportedAt.getTime()) / 1000),
        completedAt: cancelled || open ? null : completedAt,
        closedAt: cancelled || open || closedAt.getTime() > now ? null : closedAt,
        cancelledAt: cancelled ? new Date(reportedAt.getTime() + HOUR) : null,
        cancelReason: cancelled ? '住户取消' : null,
        holdReason: null,
        reworkCount: reworked && !open ? 1 : 0,
        lastReopenedAt: reworked && !open ? new Date(firstCompletedAt.getTime() + 12 * HOUR) : null,
        arrivalOverdueAt:
          arrivalDueAt && Math.min(arrivedAt.getTime(), now) > arrivalDueAt.getTime() ? arrivalDueAt : null,
        completionOverdueAt: !cancelled && (late || open) && dueAt.getTime() <= now ? dueAt : null,
        resolution: cancelled || open ? null : '已修复',
        labourMinutes: cancelled || open ? null : random.int(20, 240),
        chargeable: false,
        amountFen: null,
        acceptanceResult: cancelled || open ? null : 'pass',
        acceptedBy: cancelled || open ? null : 'resident',
        acceptanceChannel: cancelled || open ? null : 'resident_app',
        acceptedById: null,
        acceptedByName: cancelled || open ? null : reporter.name,
        acceptedAt: cancelled || open || closedAt.getTime() > now ? null : closedAt,
        satisfaction:
          cancelled || open
            ? null
            : random.weighted([
                ['satisfied', 85],
                ['basically_satisfied', 12],
                ['dissatisfied', 3],
              ] as const),
        acceptanceComment: null,
        createdById: null,
        version: 1,
      } as WorkOrder;
      if (order.assignedAt!.getTime() > now)
        Object.assign(order, {
          status: 'reported',
          assigneeId: null,
          assigneeName: null,
          assignedAt: null,
          arrivedAt: null,
          arrivalSeconds: null,
        });
      workOrders.push(order);
      if (order.firstCompletedAt && random.chance(0.88)) {
        const visitedAt = new Date(completedAt.getTime() + random.int(1, 5) * DAY);
        if (visitedAt.getTime() <= now) {
          order.firstReturnVisitAt = visitedAt;
          visits.push({
            ...base(visitedAt),
            workOrderId: order.id,
            estateId: estate.id,
            method: 'phone',
            visitorId: null,
            visitorName: '客服',
            visitedAt,
            satisfaction: 'satisfied',
            comment: null,
          } as WorkOrderReturnVisit);
        }
      }
    }
  }
  // The desk's work in hand at `now` (~1 open order per 20 units, at least 10), on top of what the
  // months left open: just reported and not yet dispatched, assigned and not started, one on site,
  // late ones (past their deadline, flagged as the SLA sweep does), and done ones awaiting the
  // resident's acceptance and the return visit. Only when the run ends today (now inside its months).
  if (now < lastEnd.getTime()) {
    const stages = [
      'reported',
      'assigned',
      'completed',
      'in_progress',
      'assigned',
      'late',
      'reported',
      'completed',
      'late',
      'completed',
    ] as const;
    const backlog = Math.max(stages.length, Math.round(units.length / 20));
    for (let k = 0; k < backlog; k++) {
      const stage = stages[k % stages.length];
      const unit = random.pick(units);
      const category = random.pick(REPAIR_CATEGORIES);
      const reporter = caller(unit.id);
      const minutesAgo =
        stage === 'reported'
          ? random.int(5, 50)
          : stage === 'assigned'
            ? random.int(60, 20 * 60)
            : stage === 'in_progress'
              ? random.int(2 * 60, 6 * 60)
              : stage === 'late'
                ? random.int(52 * 60, 80 * 60)
                : random.int(20 * 60, 60 * 60);
      const reportedAt = new Date(now - minutesAgo * 60_000);
      const urgent = stage === 'reported' && k === 0; // the newest call: urgent, arrival clock running
      const dueAt = new Date(reportedAt.getTime() + (urgent ? 4 * HOUR : 48 * HOUR));
      const dispatched = stage !== 'reported';
      const assignee = random.pick(technicians);
      const assignedAt = new Date(reportedAt.getTime() + random.int(5, 30) * 60_000);
      const onSite = stage === 'in_progress' || stage === 'completed' || (stage === 'late' && k % 10 === 5);
      const arrivedAt = new Date(assignedAt.getTime() + random.int(30, 90) * 60_000);
      const done = stage === 'completed';
      const completedAt = new Date(Math.min(now - HOUR, arrivedAt.getTime() + random.int(40, 180) * 60_000));
      workOrders.push({
        ...base(reportedAt),
        estateId: estate.id,
        code: code('WO', reportedAt),
        unitId: unit.id,
        assetId: null,
        locationText: null,
        category,
        priority: urgent ? 'urgent' : 'routine',
        channel: random.pick(['phone', 'walk_in', 'resident_app'] as const),
        description: random.pick(REPAIR_DESCRIPTIONS[category]),
        reporterName: reporter.name,
        reporterPhone: reporter.phone,
        appointmentStartAt: null,
        appointmentEndAt: null,
        status: done ? 'completed' : onSite ? 'in_progress' : dispatched ? 'assigned' : 'reported',
        reportedAt,
        arrivalDueAt: urgent ? new Date(reportedAt.getTime() + 30 * 60_000) : null,
        dueAt,
        assigneeId: dispatched ? assignee.id : null,
        assigneeName: dispatched ? assignee.name : null,
        assignedAt: dispatched ? assignedAt : null,
        arrivedAt: onSite ? arrivedAt : null,
        arrivalSeconds: onSite ? Math.round((arrivedAt.getTime() - reportedAt.getTime()) / 1000) : null,
        firstCompletedAt: done ? completedAt : null,
        completionSeconds: done ? Math.round((completedAt.getTime() - reportedAt.getTime()) / 1000) : null,
        completedAt: done ? completedAt : null,
        closedAt: null,
        cancelledAt: null,
        cancelReason: null,
        holdReason: null,
        reworkCount: 0,
        lastReopenedAt: null,
        arrivalOverdueAt: null,
        completionOverdueAt: stage === 'late' ? dueAt : null,
        resolution: done ? '已修复' : null,
        labourMinutes: done ? random.int(20, 180) : null,
        chargeable: false,
        amountFen: null,
        acceptanceResult: null,
        acceptedBy: null,
        acceptanceChannel: null,
        acceptedById: null,
        acceptedByName: null,
        acceptedAt: null,
        satisfaction: null,
        acceptanceComment: null,
        createdById: null,
        version: 1,
      } as WorkOrder);
    }
  }
  await insert(WorkOrder, 'work_orders', workOrders);
  await insert(WorkOrderReturnVisit, 'work_order_return_visits', visits);

  // Assets: ~600 across the KPI groups (plus plain equipment), one condition record a month each.
  const assetPlan: [KpiGroup | null, string, number, [number, number]][] = [
    ['house', 'building', buildings.length, [500000, 800000]],
    ['greenery', 'green_area', 40, [20000, 200000]],
    ['road', 'road_section', 30, [30000, 300000]],
    ['wells', 'rainwater_well', 120, [100, 100]],
    ['drainage', 'drain_pipe', 40, [2000, 20000]],
    ['street_light', 'street_light', 150, [100, 100]],
    ['parking_lot', 'car_park', 6, [200000, 800000]],
    ['amenity', 'fitness_equipment', 30, [100, 100]],
    ['fire_safety', 'fire_hydrant', 100, [100, 100]],
    [null, 'elevator', 20, [100, 100]],
  ];
  const assets: Asset[] = [];
  for (const [kpiGroup, categoryCode, count, [low, high]] of assetPlan) {
    for (let a = 0; a < count; a++) {
      const decommissioned = random.chance(0.01);
      const place = assetName(categoryCode, a, buildings.length);
      assets.push({
        ...base(),
        estateId: estate.id,
        code: `AS-${String(assets.length + 1).padStart(5, '0')}`,
        name: place.name,
        categoryCode,
        kpiGroup,
        measureHundredths: random.int(low / 100, high / 100) * 100,
        measureUnit: kpiGroup ? KPI_GROUP_UNITS[kpiGroup] : 'count',
        locationText: place.location,
        latitudeMicro: null,
        longitudeMicro: null,
        brand: null,
        model: null,
        serialNumber: null,
        installedDate: null,
        warrantyEndDate: null,
        importance: random.pick(['A', 'B', 'C'] as const),
        responsiblePerson: null,
        status: decommissioned ? 'decommissioned' : 'in_service',
        registeredAt: created,
        decommissionedAt: decommissioned ? at(firstStart, until) : null,
        decommissionReason: decommissioned ? '报废' : null,
        version: 1,
      } as Asset);
    }
  }
  if (assets.some((asset) => !KPI_GROUPS.includes(asset.kpiGroup ?? 'house')))
    throw new Error('unknown KPI group');
  const conditions: AssetConditionRecord[] = [];
  const lastCondition = new Map<string, AssetConditionRecord>(); // valid_until links, in time order
  for (const period of periods) {
    const { start, end } = periodRange(period, timeZone);
    for (const asset of assets) {
      const recordedAt = at(start, end);
      if (recordedAt.getTime() > now) continue;
      if (asset.decommissionedAt && asset.decommissionedAt < recordedAt) continue;
      conditions.push({
        ...base(recordedAt),
        estateId: estate.id,
        assetId: asset.id,
        condition: random.weighted([
          ['good', 88],
          ['fair', 7],
          ['poor', 3],
          ['bad', 1.5],
          ['dangerous', 0.5],
        ] as const),
        recordedAt,
        source: 'inspection',
        note: null,
        authorId: null,
        authorName: '巡检员',
        taskId: null,
        workOrderId: null,
      } as AssetConditionRecord);
      const record = conditions[conditions.length - 1];
      record.validUntil = CONDITION_OPEN_END;
      const previous = lastCondition.get(asset.id);
      if (previous) previous.validUntil = recordedAt;
      else asset.firstRecordedAt = recordedAt;
      lastCondition.set(asset.id, record);
    }
  }
  await insert(Asset, 'assets', assets);
  await insert(AssetConditionRecord, 'asset_condition_records', conditions);

  // Safety: a few fire alarms and public-order cases a month, violations (most handled), one fire
  // (numbers for 5,000 units, times eventScale).
  const incidents: SafetyIncident[] = [];
  const reporter = staff[1];
  for (const period of periods) {
    const { start, end } = periodRange(period, timeZone);
    const plan: [SafetyIncident['type'], number][] = [
      ['fire_alarm', scaled(random.int(0, 3))],
      ['public_order', scaled(random.int(0, 2))],
      ['violation', scaled(random.int(4, 12))],
      ['fire', period === periods[4] ? 1 : 0],
    ];
    for (const [type, count] of plan) {
      for (let i = 0; i < count; i++) {
        const occurredAt = at(start, end);
        if (occurredAt.getTime() > now) continue;
        const handling = type !== 'violation' || random.chance(0.9);
        const handledAt = handling ? new Date(occurredAt.getTime() + random.int(1, 96) * HOUR) : null;
        const handled = handledAt !== null && handledAt.getTime() <= now;
        incidents.push({
          ...base(occurredAt),
          estateId: estate.id,
          code: code('SI', occurredAt),
          clientId: null,
          type,
          violationSubtype:
            type === 'violation'
              ? random.pick(['illegal_parking', 'occupying_public_space', 'unauthorised_renovation'] as const)
              : null,
          status: handled ? 'handled' : 'open',
          occurredAt,
          location: `${random.int(1, buildings.length)}号楼${random.pick(['东侧', '南侧', '西侧', '北侧', ' 地下车库'])}`,
          unitId: null,
          description:
            type === 'fire_alarm'
              ? '烟感报警，现场确认'
              : type === 'public_order'
                ? '巡逻发现纠纷，现场劝解'
                : type === 'fire'
                  ? '电动车充电起火'
                  : '巡逻发现违规',
          reportedById: reporter.id,
          reportedByName: reporter.name,
          reportNumber: null,
          lossesFen: null,
          source: 'manual',
          patrolScanId: null,
          handledAt: handled ? handledAt : null,
          handlingOutcome: handled ? (type === 'violation' ? 'stopped' : 'rectified') : null,
          rectifiedAt: null,
          closedAt: null,
          version: 1,
        } as SafetyIncident);
      }
    }
  }
  await insert(SafetyIncident, 'safety_incidents', incidents);

  // Cleaning: up to 40 zones (the common areas, then the buildings'), ~300 inspections a month, ~95% passed.
  // Two user accounts the cleaning records point at (zones reference users by foreign key).
  const account = (username: string, displayName: string, role: User['role']) =>
    ({
      ...base(),
      username,
      displayName,
      passwordHash: 'bench-no-login',
      role,
      phone: null,
      unitId: null,
      active: true,
      tokenVersion: 0,
      lastLoginAt: null,
    }) as User;
  const cleaner =
    options.accounts?.cleaner ??
    account(`bench-cleaner-${estate.code.toLowerCase()}`, '保洁员 甲', 'cleaner');
  const inspector =
    options.accounts?.inspector ??
    account(`bench-inspector-${estate.code.toLowerCase()}`, '保洁主管 乙', 'manager');
  const newAccounts = [cleaner, inspector].filter(
    (user) => user !== options.accounts?.cleaner && user !== options.accounts?.inspector,
  );
  if (newAccounts.length) await insert(User, 'users', newAccounts);
  const zones: CleaningZone[] = [];
  for (const zone of zoneNames(buildings.length, 40))
    zones.push({
      ...base(),
      estateId: estate.id,
      name: zone.name,
      type: zone.type,
      areaHundredths: random.int(5000, 200000),
      standard: null,
      frequencyTimes: random.int(1, 3),
      frequencyUnit: 'day',
      cleanerId: cleaner.id,
      active: true,
    } as CleaningZone);
  await insert(CleaningZone, 'cleaning_zones', zones);
  const inspections: CleaningInspection[] = [];
  for (const period of periods) {
    const { start, end } = periodRange(period, timeZone);
    for (let i = 0, count = random.int(280, 320); i < count; i++) {
      const inspectedAt = at(start, end);
      if (inspectedAt.getTime() > now) continue;
      const zone = random.pick(zones);
      const passed = random.chance(0.95);
      inspections.push({
        ...base(inspectedAt),
        estateId: estate.id,
        clientId: null,
        zoneId: zone.id,
        cleanerId: zone.cleanerId,
        inspectorId: inspector.id,
        inspectorName: inspector.displayName,
        inspectedAt,
        passed,
        score: passed ? random.int(80, 100) : random.int(40, 79),
        issues: passed ? null : ['地面有垃圾'],
        followUp: passed ? 'none' : 'closed',
        reInspectionOfId: null,
        reCleanLogId: null,
        version: 1,
      } as CleaningInspection);
    }
  }
  await insert(CleaningInspection, 'cleaning_inspections', inspections);

  // Complaints: ~30 a month for 5,000 units (times eventScale), ~20% judged invalid; valid ones mostly resolved
  // within the deadline.
  const complaints: Complaint[] = [];
  /** One complaint as far as it has got: judged (valid or not), resolved, followed up and closed. */
  const complaint = (facts: {
    receivedAt: Date;
    judgedAt: Date | null;
    valid: boolean;
    resolvedAt: Date | null;
    followedUpAt: Date | null;
    resolutionDueAt: Date;
  }) => {
    const { receivedAt, judgedAt, valid, resolvedAt, followedUpAt, resolutionDueAt } = facts;
    const unit = random.pick(units);
    const category = random.pick(COMPLAINT_CATEGORIES);
    const contact = caller(unit.id);
    const judged = judgedAt !== null;
    const status = !judged
      ? 'received'
      : !valid
        ? 'closed'
        : followedUpAt
          ? 'closed'
          : resolvedAt
            ? 'resolved'
            : 'assigned';
    complaints.push({
      ...base(receivedAt),
      estateId: estate.id,
      code: code('CP', receivedAt),
      unitId: unit.id,
      channel: random.pick(['phone', 'walk_in', 'online', 'wechat'] as const),
      categories: [category],
      description: random.pick(COMPLAINT_DESCRIPTIONS[category]),
      contactName: contact.name,
      contactPhone: contact.phone,
      status,
      receivedAt,
      receivedById: null,
      receivedByName: '客服',
      firstResponseDueAt: new Date(receivedAt.getTime() + DAY),
      resolutionDueAt,
      firstResponseOverdueAt: null,
      resolutionOverdueAt:
        judged && valid && Math.min(resolvedAt?.getTime() ?? now, now) > resolutionDueAt.getTime()
          ? resolutionDueAt
          : null,
      judgedAt,
      judgedById: null,
      judgedByName: judged ? '客服主管' : null,
      validity: judged ? (valid ? 'valid' : 'invalid') : null,
      invalidReason: judged && !valid ? random.pick(INVALID_REASONS) : null,
      judgementNote: null,
      assignedAt: judged && valid ? judgedAt : null,
      assigneeDepartment: judged && valid ? '工程部' : null,
      assigneeUserId: null,
      assigneeName: null,
      resolvedAt,
      resolvedById: null,
      resolution: resolvedAt ? '已处理' : null,
      followedUpAt,
      followedUpById: null,
      satisfaction: followedUpAt
        ? random.weighted([
            ['satisfied', 75],
            ['basically_satisfied', 20],
            ['dissatisfied', 5],
          ] as const)
        : null,
      followUpComment: null,
      closedAt: judged && !valid ? judgedAt : followedUpAt,
      closedById: null,
      closingNote: judged && !valid ? '已向住户解释' : null,
      version: 1,
    } as Complaint);
  };
  for (const period of periods) {
    const { start, end } = periodRange(period, timeZone);
    for (let c = 0, count = scaled(random.int(24, 36)); c < count; c++) {
      const receivedAt = at(start, end);
      const judgedAt = new Date(receivedAt.getTime() + random.int(1, 20) * HOUR);
      if (judgedAt.getTime() > now) continue; // left out until judged
      const valid = random.chance(0.8);
      const resolutionDueAt = new Date(receivedAt.getTime() + 7 * DAY);
      const resolvedAt =
        valid && random.chance(0.95)
          ? new Date(judgedAt.getTime() + random.int(4, random.chance(0.1) ? 300 : 150) * HOUR)
          : null;
      const resolved = resolvedAt && resolvedAt.getTime() <= now ? resolvedAt : null;
      // The follow-up call a few days after the resolution closes it.
      const followedUpAt = resolved ? new Date(resolved.getTime() + random.int(24, 96) * HOUR) : null;
      complaint({
        receivedAt,
        judgedAt,
        valid,
        resolvedAt: resolved,
        followedUpAt: followedUpAt && followedUpAt.getTime() <= now ? followedUpAt : null,
        resolutionDueAt,
      });
    }
  }
  // Open at `now` (a run that ends today): just received and not yet judged, being handled (one past
  // its deadline), resolved and waiting for the follow-up call.
  if (now < lastEnd.getTime()) {
    const stages = ['received', 'assigned', 'resolved', 'late'] as const;
    for (let k = 0, count = Math.max(stages.length, Math.round(units.length / 50)); k < count; k++) {
      const stage = stages[k % stages.length];
      const hoursAgo =
        stage === 'received'
          ? random.int(1, 5)
          : stage === 'assigned'
            ? random.int(20, 60)
            : stage === 'resolved'
              ? random.int(30, 90)
              : random.int(8 * 24, 10 * 24);
      const receivedAt = new Date(now - hoursAgo * HOUR - random.int(0, 59) * 60_000);
      const judgedAt = stage === 'received' ? null : new Date(receivedAt.getTime() + random.int(1, 4) * HOUR);
      complaint({
        receivedAt,
        judgedAt,
        valid: true,
        resolvedAt: stage === 'resolved' ? new Date(now - random.int(2, 12) * HOUR) : null,
        followedUpAt: null,
        resolutionDueAt: new Date(receivedAt.getTime() + 7 * DAY),
      });
    }
  }
  await insert(Complaint, 'complaints', complaints);

  // Surveys: two rounds (spring, autumn), ~750 households answering each.
  const surveys: Survey[] = [];
  const responses: SurveyResponse[] = [];
  const occupied = units.filter((unit) => occupiedAtEnd.has(unit.id));
  for (const period of [periodAt(4), periodAt(10)]) {
    const { start, end } = periodRange(period, timeZone);
    const survey = {
      ...base(start),
      estateId: estate.id,
      title: `${period} 业主满意度调查`,
      opensAt: start,
      closesAt: end,
      services: ['repairs', 'cleaning', 'security'],
      createdById: null,
    } as Survey;
    surveys.push(survey);
    const chosen = new Set<Unit>();
    while (chosen.size < Math.min(750, occupied.length)) chosen.add(random.pick(occupied));
    for (const unit of chosen) {
      const collectedAt = at(start, end);
      if (collectedAt.getTime() > now) continue;
      responses.push({
        ...base(collectedAt),
        estateId: estate.id,
        surveyId: survey.id,
        unitId: unit.id,
        overall: random.weighted([
          ['satisfied', 70],
          ['basically_satisfied', 22],
          ['dissatisfied', 8],
        ] as const),
        serviceRatings: { repairs: random.pick(['satisfied', 'basically_satisfied'] as const) },
        comment: null,
        channel: random.pick(['paper', 'phone', 'online', 'door_to_door'] as const),
        collectedAt,
        collectorId: null,
        collectorName: '客服',
      } as SurveyResponse);
    }
  }
  await insert(Survey, 'surveys', surveys);
  await insert(SurveyResponse, 'survey_responses', responses);

  // Patrol, cleaning logs (extras.ts), then the code counters, so codes the API
  // hands out next (WO-2026-…, RC-…) continue after the generated ones.
  await generateExtras({
    estate,
    units,
    buildings: buildings.length,
    staff,
    zones,
    cleaner,
    guards: options.accounts?.guards,
    periods,
    now,
    parameters,
    base,
    insert,
  });
  const codeCounters = [...counters].map(([key, value]) => {
    const [scope, year] = key.split('-');
    return { estateId: estate.id, scope, year: Number(year), value } as CodeCounter;
  });
  await insert(CodeCounter, 'code_counters', codeCounters);

  return { estate, rows, seconds: (Date.now() - started) / 1000 };
}
