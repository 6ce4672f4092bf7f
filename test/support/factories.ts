import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EstateMembership, PasswordService, Role, User } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { Building, Estate, Resident, Unit, UnitType } from '@estate/estates';
import { EntityManager } from 'typeorm';

let sequence = 0;
const next = () => ++sequence;

export const FACTORY_PASSWORD = 'factory-password-1';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  user: User;
  token: string;
  /** `Authorization` header value */
  auth: { Authorization: string };
}

/**
 * Test data made through the real entities, each test making its own: no shared seed ids, no order
 * dependence. Users get a token signed by the app's own JwtService (the login flow itself is tested
 * in auth.e2e-spec.ts).
 */
export class Factory {
  constructor(private readonly app: INestApplication) {}

  private write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.app.get(TransactionService).run(work);
  }

  async estate(overrides: Partial<Estate> = {}): Promise<Estate> {
    const number = next();
    return this.write((manager) =>
      manager.save(
        manager.create(Estate, {
          code: `EST${number}`,
          name: `测试小区 ${number}`,
          address: null,
          timeZone: 'Asia/Shanghai',
          settings: null,
          active: true,
          ...overrides,
        }),
      ),
    );
  }

  async building(estate: Estate, overrides: Partial<Building> = {}): Promise<Building> {
    const number = next();
    return this.write((manager) =>
      manager.save(
        manager.create(Building, {
          estateId: estate.id,
          number: `B${number}`,
          name: `${number}号楼`,
          floors: 10,
          floorAreaHundredths: null,
          ...overrides,
        }),
      ),
    );
  }

  async unit(
    estate: Estate,
    overrides: Partial<Unit> & { building?: Building; areaSquareMetres?: number; type?: UnitType } = {},
  ): Promise<Unit> {
    const { building: givenBuilding, areaSquareMetres, ...rest } = overrides;
    const building = givenBuilding ?? (await this.building(estate));
    const number = next();
    return this.write((manager) =>
      manager.save(
        manager.create(Unit, {
          estateId: estate.id,
          buildingId: building.id,
          number: `${number}`,
          floor: 1,
          floorAreaHundredths: Math.round((areaSquareMetres ?? 100) * 100),
          type: 'residential',
          ...rest,
        }),
      ),
    );
  }

  async resident(unit: Unit, overrides: Partial<Resident> = {}): Promise<Resident> {
    const number = next();
    return this.write((manager) =>
      manager.save(
        manager.create(Resident, {
          estateId: unit.estateId,
          unitId: unit.id,
          name: `住户${number}`,
          phone: '13812345678',
          relation: 'owner',
          moveInDate: '2020-01-01',
          moveOutDate: null,
          ...overrides,
        }),
      ),
    );
  }

  /** A user with a role, member of the given estates, with a bearer token. */
  async user(role: Role, estates: Estate[] = [], overrides: Partial<User> = {}): Promise<TestUser> {
    passwordHash ??= this.app.get(PasswordService).hash(FACTORY_PASSWORD);
    const hash = await passwordHash;
    const number = next();
    const user = await this.write(async (manager) => {
      const created = await manager.save(
        manager.create(User, {
          username: `${role}${number}`,
          displayName: `${role} ${number}`,
          passwordHash: hash,
          role,
          phone: null,
          unitId: null,
          active: true,
          tokenVersion: 0,
          lastLoginAt: null,
          ...overrides,
        }),
      );
      for (const estate of estates)
        await manager.save(manager.create(EstateMembership, { userId: created.id, estateId: estate.id }));
      return created;
    });
    const token = this.app
      .get(JwtService)
      .sign({ sub: user.id, role: user.role, tv: user.tokenVersion }, { expiresIn: 3600 });
    return { user, token, auth: { Authorization: `Bearer ${token}` } };
  }
}
