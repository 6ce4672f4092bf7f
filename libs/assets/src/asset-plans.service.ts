import { Injectable } from '@nestjs/common';
import { assertRecordVisible, AuthenticatedUser, UsersService, restrictToVisibleEstates } from '@estate/auth';
import { AuditService, TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import {
  BadRequestError,
  Clock,
  ConflictError,
  notFound,
  Page,
  pageOf,
  UnprocessableError,
} from '@estate/shared';
import { EntityManager } from 'typeorm';
import { AssetCategoriesService } from './asset-categories.service';
import { ASSET_PLAN_ENTITY, PlanKind } from './asset.constants';
import { actorOf } from './assets.service';
import {
  ChecklistItemDto,
  CreatePlanRequest,
  PlanQuery,
  PlanResponse,
  PriorityRuleDto,
  RecurrenceDto,
  UpdatePlanRequest,
} from './dto/plan.dto';
import { Asset, AssetPlan, AssetTask, ChecklistItem, FindingPriorityRule } from './entities';
import { DEFAULT_PRIORITY_RULE } from './finding-priority';
import { toPlanResponse } from './mappers';
import { Recurrence, recurrenceProblems } from './recurrence';

function recurrenceOf(dto: RecurrenceDto): Recurrence {
  const rule: Recurrence = { frequency: dto.frequency };
  if (dto.weekdays !== undefined) rule.weekdays = [...dto.weekdays].sort((a, b) => a - b);
  if (dto.dayOfMonth !== undefined) rule.dayOfMonth = dto.dayOfMonth;
  if (dto.month !== undefined) rule.month = dto.month;
  const problems = recurrenceProblems(rule);
  if (problems.length) throw new BadRequestError('RECURRENCE_INVALID', problems.join('; '), { problems });
  return rule;
}

/** Item ids are kept when given (results refer to them) and made up (`item-1` …) when not. */
function checklistOf(items: ChecklistItemDto[]): ChecklistItem[] {
  const taken = new Set(items.map((item) => item.id).filter(Boolean));
  if (taken.size !== items.filter((item) => item.id).length)
    throw new BadRequestError('CHECKLIST_ITEM_ID_DUPLICATE', 'Checklist item ids must be distinct');
  let next = 1;
  return items.map((item) => {
    let id = item.id;
    while (!id) {
      const candidate = `item-${next++}`;
      if (!taken.has(candidate)) {
        id = candidate;
        taken.add(candidate);
      }
    }
    return { id, label: item.label, expected: item.expected ?? null };
  });
}

function priorityRuleOf(
  dto: PriorityRuleDto | undefined,
  current: FindingPriorityRule = DEFAULT_PRIORITY_RULE,
) {
  const rule = { ...current };
  for (const key of Object.keys(DEFAULT_PRIORITY_RULE) as (keyof FindingPriorityRule)[])
    if (dto?.[key] !== undefined) rule[key] = dto[key];
  return rule;
}

/** Inspection plans (巡检) and maintenance plans (保养): one table, `kind` tells them apart. */
@Injectable()
export class AssetPlansService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly categories: AssetCategoriesService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthenticatedUser, kind: PlanKind, request: CreatePlanRequest): Promise<PlanResponse> {
    if (!request.assetId === !request.categoryCode)
      throw new BadRequestError(
        'PLAN_TARGET_REQUIRED',
        'Give either assetId (one asset) or categoryCode (a category), not both',
      );
    const recurrence = recurrenceOf(request.recurrence);
    const checklist = checklistOf(request.checklist);
    return this.transactions.run(async (manager) => {
      const estate = await this.estates.accessibleEstate(user, request.estateId, manager);
      if (request.assetId) {
        const asset = await manager.findOneBy(Asset, { id: request.assetId });
        if (!asset || asset.estateId !== estate.id)
          throw new UnprocessableError(
            'ASSET_NOT_FOUND',
            `Asset ${request.assetId} does not exist in this estate`,
          );
        if (asset.status !== 'in_service')
          throw new UnprocessableError('ASSET_DECOMMISSIONED', `Asset ${asset.code} is decommissioned`);
      } else {
        const categories = await this.categories.categoriesOf(manager, estate.id);
        if (!categories.some((category) => category.code === request.categoryCode))
          throw new UnprocessableError(
            'CATEGORY_NOT_FOUND',
            `Category ${request.categoryCode} does not exist in this estate`,
          );
      }
      await this.assertAssignee(manager, request.assigneeUserId ?? null, estate.id);
      const plan = manager.create(AssetPlan, {
        estateId: estate.id,
        kind,
        name: request.name,
        assetId: request.assetId ?? null,
        categoryCode: request.categoryCode ?? null,
        checklist,
        recurrence,
        startDate: request.startDate,
        assigneeRole: request.assigneeRole ?? null,
        assigneeUserId: request.assigneeUserId ?? null,
        priorityRule: priorityRuleOf(request.priorityRule),
        active: true,
      });
      await manager.save(plan);
      await this.audit.record(manager, {
        estateId: estate.id,
        entityType: ASSET_PLAN_ENTITY,
        entityId: plan.id,
        action: 'create',
        actor: actorOf(user),
        details: { kind, name: plan.name },
      });
      return toPlanResponse(plan);
    });
  }

  private async assertAssignee(
    manager: EntityManager,
    userId: string | null,
    estateId: string,
  ): Promise<void> {
    if (
      userId &&
      !(await this.users.isMemberWithRole(manager, userId, estateId, [
        'technician',
        'manager',
        'security',
        'cleaner',
      ]))
    )
      throw new UnprocessableError('ASSIGNEE_NOT_FOUND', `User ${userId} is not active staff of this estate`);
  }

  async list(user: AuthenticatedUser, kind: PlanKind, query: PlanQuery): Promise<Page<PlanResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const builder = this.transactions.dataSource.manager
      .createQueryBuilder(AssetPlan, 'p')
      .where('p.kind = :kind', { kind });
    if (query.estateId) builder.andWhere('p.estate_id = :estateId', { estateId: query.estateId });
    restrictToVisibleEstates(builder, 'p', user);
    if (query.assetId) builder.andWhere('p.asset_id = :assetId', { assetId: query.assetId });
    if (query.active !== undefined) builder.andWhere('p.active = :active', { active: query.active });
    const [plans, total] = await builder
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(plans.map(toPlanResponse), total, query);
  }

  async get(user: AuthenticatedUser, kind: PlanKind, id: string): Promise<PlanResponse> {
    return toPlanResponse(await this.visiblePlan(this.transactions.dataSource.manager, user, kind, id));
  }

  async update(
    user: AuthenticatedUser,
    kind: PlanKind,
    id: string,
    request: UpdatePlanRequest,
  ): Promise<PlanResponse> {
    const recurrence = request.recurrence ? recurrenceOf(request.recurrence) : undefined;
    const checklist = request.checklist ? checklistOf(request.checklist) : undefined;
    return this.transactions.run(async (manager) => {
      const plan = await this.visiblePlan(manager, user, kind, id);
      if (request.assigneeUserId !== undefined)
        await this.assertAssignee(manager, request.assigneeUserId, plan.estateId);
      const changes: Partial<AssetPlan> = {};
      if (request.name !== undefined) changes.name = request.name;
      if (checklist) changes.checklist = checklist;
      if (recurrence) changes.recurrence = recurrence;
      if (request.startDate !== undefined) changes.startDate = request.startDate;
      if (request.assigneeRole !== undefined) changes.assigneeRole = request.assigneeRole;
      if (request.assigneeUserId !== undefined) changes.assigneeUserId = request.assigneeUserId;
      if (request.priorityRule)
        changes.priorityRule = priorityRuleOf(request.priorityRule, plan.priorityRule);
      if (request.active !== undefined) changes.active = request.active;
      const result = await manager
        .createQueryBuilder()
        .update(AssetPlan)
        .set({ ...changes, updatedAt: this.clock.now() })
        .where('id = :id AND version = :version', { id, version: request.version })
        .execute();
      if (result.affected !== 1)
        throw new ConflictError(
          'CONCURRENT_MODIFICATION',
          'The plan changed since you read it; reload and try again',
        );
      await this.audit.record(manager, {
        estateId: plan.estateId,
        entityType: ASSET_PLAN_ENTITY,
        entityId: id,
        action: 'update',
        actor: actorOf(user),
        details: { fields: Object.keys(changes) },
      });
      return toPlanResponse(await manager.findOneByOrFail(AssetPlan, { id }));
    });
  }

  /** A plan that generated tasks keeps them as history: set `active: false` instead. */
  async remove(user: AuthenticatedUser, kind: PlanKind, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const plan = await this.visiblePlan(manager, user, kind, id);
      if (await manager.existsBy(AssetTask, { planId: id }))
        throw new ConflictError(
          'PLAN_HAS_TASKS',
          'This plan has generated tasks; deactivate it (active: false) instead',
        );
      await manager.delete(AssetPlan, { id });
      await this.audit.record(manager, {
        estateId: plan.estateId,
        entityType: ASSET_PLAN_ENTITY,
        entityId: id,
        action: 'delete',
        actor: actorOf(user),
      });
    });
  }

  private async visiblePlan(
    manager: EntityManager,
    user: AuthenticatedUser,
    kind: PlanKind,
    id: string,
  ): Promise<AssetPlan> {
    const entity = kind === 'inspection' ? 'Inspection plan' : 'Maintenance plan';
    const plan = await manager.findOneBy(AssetPlan, { id });
    if (!plan || plan.kind !== kind) throw notFound(entity, id);
    assertRecordVisible(user, plan.estateId, notFound(entity, id));
    return plan;
  }
}
