import { Injectable, Logger } from '@nestjs/common';
import { EstateMembership, PasswordService, Role, User } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, Estate, Resident, Unit } from '@estate/estates';
import { baseColumns, Clock, localDateOf, addDaysToLocalDate, periodOf } from '@estate/shared';
import { WorkOrder, WorkOrderMonthlyFactsService } from '@estate/work-orders';
import { generateEstate } from './generator';

export const DEMO_PASSWORD = 'demo1234';

/** Months of activity the demo gets, the current month of its clock the last of them. */
export const DEMO_MONTHS = 6;
/** The generator's seed for the demo (fixed: the same clock gives the same activity). */
export const DEMO_GENERATOR_SEED = 20260601;

/**
 * One login per role. Display names are people's names, as they are written (the English UI shows
 * them unchanged); resident1's is replaced by the name and phone of the resident of its home unit.
 */
export const DEMO_LOGINS: { username: string; role: Role; displayName: string; phone: string }[] = [
  { username: 'admin', role: 'admin', displayName: '陈立新', phone: '13800000001' },
  { username: 'manager', role: 'manager', displayName: '李建国', phone: '13800000002' },
  { username: 'frontdesk', role: 'front_desk', displayName: '王晓燕', phone: '13800000003' },
  { username: 'tech1', role: 'technician', displayName: '赵国强', phone: '13800000004' },
  { username: 'finance', role: 'finance', displayName: '钱丽华', phone: '13800000005' },
  { username: 'guard1', role: 'security', displayName: '孙海涛', phone: '13800000006' },
  { username: 'cleaner1', role: 'cleaner', displayName: '周桂英', phone: '13800000007' },
  { username: 'resident1', role: 'resident', displayName: '吴秀兰', phone: '13800000008' },
];

const SURNAMES = [
  '张',
  '王',
  '李',
  '赵',
  '刘',
  '陈',
  '杨',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN2 = ['华', '英', '平', '林', '红', '宇', '辉', '玲'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
];

/**
 * The demo estate 阳光花园 (SUNSHINE): 5 buildings × 40 units, residents in most of them, one user
 * per role (password demo1234), and DEMO_MONTHS months of activity in every module up to the clock's
 * "now" (the estate generator, ./generator): work orders (assigned to tech1), bills and payments,
 * patrol (guard1), cleaning (cleaner1, inspected by manager), complaints, safety, staff, surveys,
 * assets. Deterministic for a given clock, so screenshots and docs stay reproducible. Runs at
 * start-up only on an empty database and only when `demoSeedWanted` (embedded and not production,
 * or DEMO_SEED=on); `npm run seed:demo` seeds any database.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
    private readonly workOrderFacts: WorkOrderMonthlyFactsService,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (
      (await this.transactions.dataSource.manager.count(Estate)) === 0 &&
      (await this.transactions.dataSource.manager.count(User)) === 0
    );
  }

  /**
   * The demo logins that exist, are active and still have the published password (a production
   * start warns about them by name, never printing the password).
   */
  async loginsWithDemoPassword(): Promise<string[]> {
    const users = await this.transactions.dataSource.manager.find(User, {
      where: DEMO_LOGINS.map((login) => ({ username: login.username, active: true })),
      select: { id: true, username: true, passwordHash: true },
    });
    const known: string[] = [];
    for (const user of users)
      if (await this.passwords.verify(user.passwordHash, DEMO_PASSWORD)) known.push(user.username);
    return known.sort();
  }

  async seed(): Promise<{ estateId: string }> {
    const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
    const now = this.clock.now();
    const result = await this.transactions.run(async (manager) => {
      const existing = await manager.findOneBy(Estate, { code: 'SUNSHINE' });
      if (existing) return { estateId: existing.id, created: false };
      const estate = manager.create(Estate, {
        code: 'SUNSHINE',
        name: '阳光花园',
        address: '上海市浦东新区阳光路 88 号',
        timeZone: 'Asia/Shanghai',
        settings: null,
        active: true,
      });
      await manager.save(estate);
      const today = localDateOf(now, estate.timeZone);
      const buildings: Building[] = [];
      const units: Unit[] = [];
      for (let buildingIndex = 1; buildingIndex <= 5; buildingIndex++) {
        const building = manager.create(Building, {
          ...baseColumns(now),
          estateId: estate.id,
          number: String(buildingIndex),
          name: `${buildingIndex}号楼`,
          floors: 20,
          floorAreaHundredths: 4_000_000,
        });
        await manager.insert(Building, building);
        buildings.push(building);
        for (let floor = 1; floor <= 20; floor++) {
          for (const door of ['01', '02']) {
            const area = 8000 + ((buildingIndex * 37 + floor * 11 + Number(door) * 5) % 5000); // 80.00–129.99 m²
            units.push(
              manager.create(Unit, {
                ...baseColumns(now),
                estateId: estate.id,
                buildingId: building.id,
                number: `${floor}${door}`,
                floor,
                floorAreaHundredths: area,
                type: 'residential',
              }),
            );
          }
        }
      }
      for (let start = 0; start < units.length; start += 100)
        await manager.insert(Unit, units.slice(start, start + 100));
      const residents: Resident[] = [];
      units.forEach((unit, index) => {
        if (index % 10 === 9) return; // about one in ten units is vacant
        // Distinct names (surname × first given character differ for every unit), some with two characters.
        const name =
          SURNAMES[index % SURNAMES.length] +
          GIVEN[(index * 7 + Math.floor(index / SURNAMES.length)) % GIVEN.length] +
          (index % 3 === 1 ? GIVEN2[index % GIVEN2.length] : '');
        residents.push(
          manager.create(Resident, {
            ...baseColumns(now),
            estateId: estate.id,
            unitId: unit.id,
            name,
            phone: `139${String(10_000_000 + index * 7919).slice(-8)}`,
            relation: index % 4 === 0 ? 'tenant' : 'owner',
            moveInDate: addDaysToLocalDate(today, -30 - ((index * 53) % 2000)),
            moveOutDate: null,
          }),
        );
      });
      for (let start = 0; start < residents.length; start += 100)
        await manager.insert(Resident, residents.slice(start, start + 100));
      const users = new Map<string, User>();
      for (const login of DEMO_LOGINS) {
        const user = manager.create(User, {
          username: login.username,
          displayName: login.displayName,
          passwordHash,
          role: login.role,
          phone: login.phone,
          unitId: login.role === 'resident' ? units[0].id : null,
          active: true,
          tokenVersion: 0,
          lastLoginAt: null,
        });
        await manager.save(user);
        await manager.save(manager.create(EstateMembership, { userId: user.id, estateId: estate.id }));
        users.set(login.username, user);
      }
      const account = (username: string) => users.get(username)!;
      await generateEstate(
        manager,
        {
          units: units.length,
          lastPeriod: periodOf(now, estate.timeZone),
          months: DEMO_MONTHS,
          timeZone: estate.timeZone,
          seed: DEMO_GENERATOR_SEED,
          eventScale: units.length / 5000,
        },
        {
          now,
          existing: { estate, buildings, units, residents },
          accounts: {
            technicians: [account('tech1')],
            cleaner: account('cleaner1'),
            inspector: account('manager'),
            guards: [account('guard1')],
          },
        },
      );
      // resident1 is the resident of the first occupied unit that has reported a repair: the same
      // name and phone as the registry, so the desk's caller lookup finds the same person.
      const reported = new Set(
        (
          await manager
            .createQueryBuilder(WorkOrder, 'wo')
            .select('wo.unitId', 'unitId')
            .where('wo.estateId = :estateId', { estateId: estate.id })
            .getRawMany<{ unitId: string }>()
        ).map((row) => row.unitId),
      );
      const home = residents.find((resident) => reported.has(resident.unitId)) ?? residents[0];
      await manager.update(
        User,
        { id: account('resident1').id },
        { unitId: home.unitId, displayName: home.name, phone: home.phone },
      );
      return { estateId: estate.id, created: true };
    });
    if (result.created) {
      // The stats endpoint reads the monthly facts (the generator inserts orders in bulk).
      await this.workOrderFacts.build(result.estateId);
      this.logger.log(
        `Seeded the demo estate 阳光花园 (SUNSHINE) with 200 units, ${DEMO_LOGINS.length} users and ${DEMO_MONTHS} months of activity`,
      );
    }
    return { estateId: result.estateId };
  }
}
