import { Injectable } from '@nestjs/common';
import { TransactionService } from '@estate/database';
import { ConflictError, notFound, Page, pageOf, UnprocessableError } from '@estate/shared';
import { Brackets, EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from './authenticated-user';
import { CreateUserRequest, UpdateUserRequest, UserResponse } from './dto/auth.dto';
import { UserQuery } from './dto/user-query.dto';
import { EstateMembership } from './estate-membership.entity';
import { assertEstateAccess, visibleEstateIds } from './estate-scope';
import { assertPasswordStrong } from './password-policy';
import { PasswordService } from './password.service';
import { toUserResponse } from './user.mapper';
import { User } from './user.entity';

/** User accounts and estate memberships (admin endpoints and the CLI's `user:create`). */
@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly passwords: PasswordService,
  ) {}

  static normaliseUsername(username: string): string {
    return username.trim().toLowerCase();
  }

  async create(request: CreateUserRequest): Promise<UserResponse> {
    const username = UsersService.normaliseUsername(request.username);
    assertPasswordStrong(request.password, { username, displayName: request.displayName });
    const passwordHash = await this.passwords.hash(request.password);
    return this.transactions.run(async (manager) => {
      if (await manager.existsBy(User, { username })) {
        throw new ConflictError(
          'USERNAME_TAKEN',
          `The username ${username} is already taken (usernames ignore case)`,
        );
      }
      const estateIds = [...new Set(request.estateIds ?? [])];
      await this.assertEstatesExist(manager, estateIds);
      if (request.unitId) await this.assertUnitExists(manager, request.unitId, estateIds);
      const user = manager.create(User, {
        username,
        displayName: request.displayName,
        passwordHash,
        role: request.role,
        phone: request.phone ?? null,
        unitId: request.unitId ?? null,
        active: true,
        tokenVersion: 0,
        lastLoginAt: null,
      });
      await manager.save(user);
      for (const estateId of estateIds)
        await manager.save(manager.create(EstateMembership, { userId: user.id, estateId }));
      return toUserResponse(user, estateIds, { unmaskPhone: true });
    });
  }

  /**
   * `caller`: the admin making the change (the HTTP route; the CLI has none). Nobody deactivates
   * or demotes themselves, and the last active admin stays one — otherwise nobody could administer.
   */
  async update(id: string, request: UpdateUserRequest, caller?: AuthenticatedUser): Promise<UserResponse> {
    if (caller?.id === id && request.active === false)
      throw new ConflictError(
        'CANNOT_DEACTIVATE_SELF',
        'You cannot deactivate your own account; another admin must do it',
      );
    if (caller?.id === id && request.role !== undefined && request.role !== caller.role)
      throw new ConflictError(
        'CANNOT_CHANGE_OWN_ROLE',
        'You cannot change your own role; another admin must do it',
      );
    if (request.password) {
      const user = await this.transactions.dataSource.manager.findOneBy(User, { id });
      if (!user) throw notFound('User', id);
      assertPasswordStrong(request.password, {
        username: user.username,
        displayName: request.displayName ?? user.displayName,
      });
    }
    const passwordHash = request.password ? await this.passwords.hash(request.password) : undefined;
    return this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { id });
      if (!user) throw notFound('User', id);
      const estateIds = await this.estateIdsOf(manager, id);
      if (request.unitId) await this.assertUnitExists(manager, request.unitId, estateIds);
      const losesAdmin =
        user.role === 'admin' &&
        user.active &&
        (request.active === false || (request.role !== undefined && request.role !== 'admin'));
      if (losesAdmin) await this.assertAnotherActiveAdmin(manager, user.id);
      const signOut =
        passwordHash !== undefined ||
        request.active === false ||
        (request.role !== undefined && request.role !== user.role);
      Object.assign(user, {
        ...(request.displayName !== undefined && { displayName: request.displayName }),
        ...(request.role !== undefined && { role: request.role }),
        ...(request.phone !== undefined && { phone: request.phone }),
        ...(request.active !== undefined && { active: request.active }),
        ...(request.unitId !== undefined && { unitId: request.unitId }),
        ...(passwordHash !== undefined && { passwordHash }),
        ...(signOut && { tokenVersion: user.tokenVersion + 1 }),
      });
      await manager.save(user);
      return toUserResponse(user, estateIds, { unmaskPhone: true });
    });
  }

  async get(id: string): Promise<UserResponse> {
    return this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { id });
      if (!user) throw notFound('User', id);
      return toUserResponse(user, await this.estateIdsOf(manager, id), { unmaskPhone: true });
    });
  }

  async list(caller: AuthenticatedUser, query: UserQuery): Promise<Page<UserResponse>> {
    if (query.estateId) assertEstateAccess(caller, query.estateId);
    const visible = visibleEstateIds(caller);
    const manager = this.transactions.dataSource.manager;
    const builder = manager.createQueryBuilder(User, 'user');
    if (query.estateId || visible) {
      builder.innerJoin(EstateMembership, 'membership', 'membership.user_id = user.id');
      if (query.estateId) builder.andWhere('membership.estate_id = :estateId', { estateId: query.estateId });
      else
        builder.andWhere('membership.estate_id IN (:...visible)', {
          visible: visible!.length ? visible : ['-'],
        });
      builder.distinct(true);
    }
    if (query.role) builder.andWhere('user.role = :role', { role: query.role });
    if (query.q) {
      const like = `%${query.q.toLowerCase()}%`;
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('user.username LIKE :like', { like })
            .orWhere('LOWER(user.display_name) LIKE :like', { like }),
        ),
      );
    }
    const [users, total] = await builder
      .orderBy('user.username', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const memberships = users.length
      ? await manager.findBy(EstateMembership, { userId: In(users.map((user) => user.id)) })
      : [];
    return pageOf(
      users.map((user) =>
        toUserResponse(
          user,
          memberships
            .filter((membership) => membership.userId === user.id)
            .map((membership) => membership.estateId),
        ),
      ),
      total,
      query,
    );
  }

  async addMembership(userId: string, estateId: string): Promise<UserResponse> {
    return this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw notFound('User', userId);
      await this.assertEstatesExist(manager, [estateId]);
      if (!(await manager.existsBy(EstateMembership, { userId, estateId }))) {
        await manager.save(manager.create(EstateMembership, { userId, estateId }));
      }
      return toUserResponse(user, await this.estateIdsOf(manager, userId), { unmaskPhone: true });
    });
  }

  async removeMembership(userId: string, estateId: string): Promise<UserResponse> {
    return this.transactions.run(async (manager) => {
      const user = await manager.findOneBy(User, { id: userId });
      if (!user) throw notFound('User', userId);
      await manager.delete(EstateMembership, { userId, estateId });
      return toUserResponse(user, await this.estateIdsOf(manager, userId), { unmaskPhone: true });
    });
  }

  async estateIdsOf(manager: EntityManager, userId: string): Promise<string[]> {
    const rows = await manager.find(EstateMembership, { where: { userId }, order: { createdAt: 'ASC' } });
    return rows.map((row) => row.estateId);
  }

  /** The active users with one of these roles who are members of the estate (e.g. its technicians). */
  async activeMembersWithRole(
    manager: EntityManager,
    estateId: string,
    roles: readonly string[],
  ): Promise<User[]> {
    return manager
      .createQueryBuilder(User, 'user')
      .innerJoin(
        EstateMembership,
        'membership',
        'membership.user_id = user.id AND membership.estate_id = :estateId',
        { estateId },
      )
      .where('user.active = :active', { active: true })
      .andWhere('user.role IN (:...roles)', { roles })
      .getMany();
  }

  /** Is this user a member of the estate with one of these roles? (e.g. "a technician of that estate") */
  async isMemberWithRole(
    manager: EntityManager,
    userId: string,
    estateId: string,
    roles: readonly string[],
  ): Promise<boolean> {
    const count = await manager
      .createQueryBuilder(User, 'user')
      .innerJoin(
        EstateMembership,
        'membership',
        'membership.user_id = user.id AND membership.estate_id = :estateId',
        { estateId },
      )
      .where('user.id = :userId AND user.active = :active', { userId, active: true })
      .andWhere('user.role IN (:...roles)', { roles })
      .getCount();
    return count > 0;
  }

  /** Refuses (409 LAST_ACTIVE_ADMIN) unless an active admin other than `userId` remains. */
  private async assertAnotherActiveAdmin(manager: EntityManager, userId: string): Promise<void> {
    const builder = manager
      .createQueryBuilder(User, 'user')
      .where('user.role = :role AND user.active = :active', { role: 'admin', active: true });
    // Two admins deactivating each other at once: the row locks make the second wait and see the first.
    if (this.transactions.dialect === 'mysql') builder.setLock('pessimistic_write');
    const admins = await builder.getMany();
    if (!admins.some((admin) => admin.id !== userId))
      throw new ConflictError(
        'LAST_ACTIVE_ADMIN',
        'This is the only active admin: make another user admin first, then deactivate or demote this one',
      );
  }

  private async assertEstatesExist(manager: EntityManager, estateIds: string[]): Promise<void> {
    if (!estateIds.length) return;
    const found: { id: string }[] = await manager
      .createQueryBuilder()
      .select('estate.id', 'id')
      .from('estates', 'estate')
      .where('estate.id IN (:...estateIds)', { estateIds })
      .getRawMany();
    const missing = estateIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length)
      throw new UnprocessableError('ESTATE_NOT_FOUND', `Unknown estate(s): ${missing.join(', ')}`, {
        missing,
      });
  }

  private async assertUnitExists(manager: EntityManager, unitId: string, estateIds: string[]): Promise<void> {
    const unit: { estateId: string } | undefined = await manager
      .createQueryBuilder()
      .select('unit.estate_id', 'estateId')
      .from('units', 'unit')
      .where('unit.id = :unitId', { unitId })
      .getRawOne();
    if (!unit) throw new UnprocessableError('UNIT_NOT_FOUND', `Unit ${unitId} does not exist`);
    if (estateIds.length && !estateIds.includes(unit.estateId)) {
      throw new UnprocessableError('UNIT_OUTSIDE_ESTATES', `Unit ${unitId} is not in the user's estates`);
    }
  }
}
