import { Injectable, Logger } from '@nestjs/common';
import { EstateMembership, PasswordService, Role, User } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, Estate, Resident, Unit } from '@estate/estates';
import { baseColumns, Clock, localDateOf, addDaysToLocalDate } from '@estate/shared';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_LOGINS: { username: string; role: Role; displayName: string }[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员 Admin' },
  { username: 'manager', role: 'manager', displayName: '李经理 Manager Li' },
  { username: 'frontdesk', role: 'front_desk', displayName: '王前台 Front desk Wang' },
  { username: 'tech1', role: 'technician', displayName: '赵师傅 Technician Zhao' },
  { username: 'finance', role: 'finance', displayName: '钱会计 Finance Qian' },
  { username: 'guard1', role: 'security', displayName: '孙保安 Guard Sun' },
  { username: 'cleaner1', role: 'cleaner', displayName: '周保洁 Cleaner Zhou' },
  { username: 'resident1', role: 'resident', displayName: '吴业主 Resident Wu' },
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
 * The demo estate 阳光花园 (SUNSHINE): 5 buildings × 40 units, residents in most of them, and one
 * user per role (password demo1234). Deterministic, so screenshots and docs stay reproducible.
 * Runs automatically only on an empty embedded database; `npm run seed:demo` seeds any database.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordService,
    private readonly clock: Clock,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (
      (await this.transactions.dataSource.manager.count(Estate)) === 0 &&
      (await this.transactions.dataSource.manager.count(User)) === 0
    );
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
        const name = SURNAMES[index % SURNAMES.length] + GIVEN[(index * 7) % GIVEN.length];
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
      for (const login of DEMO_LOGINS) {
        const user = manager.create(User, {
          username: login.username,
          displayName: login.displayName,
          passwordHash,
          role: login.role,
          phone: null,
          unitId: login.role === 'resident' ? units[0].id : null,
          active: true,
          tokenVersion: 0,
          lastLoginAt: null,
        });
        await manager.save(user);
        await manager.save(manager.create(EstateMembership, { userId: user.id, estateId: estate.id }));
      }
      return { estateId: estate.id, created: true };
    });
    if (result.created)
      this.logger.log(
        `Seeded the demo estate 阳光花园 (SUNSHINE) with 200 units and ${DEMO_LOGINS.length} users`,
      );
    return { estateId: result.estateId };
  }
}
