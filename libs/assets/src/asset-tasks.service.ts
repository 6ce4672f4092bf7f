import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { assertRecordVisible, AuthenticatedUser, restrictToVisibleEstates } from '@estate/auth';
import { AuditService, JobRunner, TransactionService } from '@estate/database';
import { Estate, EstatesService } from '@estate/estates';
import {
  baseColumns,
  Clock,
  ConflictError,
  notFound,
  Page,
  pageOf,
  TransitionNotAllowedError,
  UnprocessableError,
} from '@estate/shared';
import { Brackets, EntityManager, In } from 'typeorm';
import { ASSET_TASK_ENTITY, FindingPriority } from './asset.constants';
import { allowedTaskActions, nextTaskStatus } from './asset-task-state';
import { actorOf, AssetsService } from './assets.service';
import { AssetTaskResponse, CompleteTaskRequest, GenerateTasksResponse, TaskQuery } from './dto/task.dto';
import { Asset, AssetInspectionResult, AssetPlan, AssetTask, ItemResult } from './entities';
import { findingPriority } from './finding-priority';
import { effectiveTaskStatus, toTaskResponse } from './mappers';
import { dueAtOf, isDueOn } from './recurrence';

export const TASK_GENERATION_JOB = 'assets.task-generation';

/** What an inspection found, handed to whoever opens the work order (see AssetFindings). */
export interface AssetFinding {
  estateId: string;
  asset: Asset;
  plan: AssetPlan;
  priority: FindingPriority;
  description: string;
  actor: { id: string; name: string };
}

/**
 * Inspection and maintenance tasks: daily generation from the plans (idempotent: unique
 * (plan, asset, due date) + INSERT OR IGNORE, and one job-ledger run per estate and local date),
 * overdue marking, listing and completion with checklist results.
 */
@Injectable()
export class AssetTasksService {
  private readonly logger = new Logger(AssetTasksService.name);
  private findingHandler:
    ((manager: EntityManager, finding: AssetFinding) => Promise<{ id: string; code: string }>) | null = null;

  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly assets: AssetsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobRunner: JobRunner,
  ) {}

  /** Lets the module plug in what opens a work order for a finding (inside the completion transaction). */
  onFinding(
    handler: (manager: EntityManager, finding: AssetFinding) => Promise<{ id: string; code: string }>,
  ): void {
    this.findingHandler = handler;
  }

  /**
   * Hourly tick: for every active estate, generate the tasks of its local "today" once (the job ledger
   * key is estate + local date, so the first tick after local midnight runs it and later ticks skip).
   */
  @Cron('0 7 * * * *')
  async scheduledGeneration(): Promise<void> {
    for (const estate of await this.estates.allActive()) {
      const date = this.estates.today(estate);
      await this.jobRunner
        .runOnce(TASK_GENERATION_JOB, `${estate.id}:${date}`, () => this.generateTasks(estate.id, date))
        .catch((error) => this.logger.error(`Task generation for ${estate.code} failed: ${String(error)}`));
    }
  }

  /**
   * Creates the tasks due on `date` (default: today in the estate's zone) for every active plan and
   * every in-service asset it covers, and marks open tasks past their due time as overdue. Running it
   * again for the same date creates nothing new.
   */
  async generateTasks(estateId: string, date?: string): Promise<GenerateTasksResponse> {
    const estate = await this.estates.require(estateId);
    const day = date ?? this.estates.today(estate);
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const plans = (await manager.find(AssetPlan, { where: { estateId, active: true } })).filter((plan) =>
        isDueOn(plan.recurrence, plan.startDate, day),
      );
      const rows: Partial<AssetTask>[] = [];
      if (plans.length) {
        const existing = await manager.find(AssetTask, {
          where: { planId: In(plans.map((plan) => plan.id)), dueDate: day },
          select: { planId: true, assetId: true },
        });
        const taken = new Set(existing.map((task) => `${task.planId}/${task.assetId}`));
        for (const plan of plans) {
          for (const asset of await this.assetsOf(manager, estate, plan, day)) {
            if (taken.has(`${plan.id}/${asset.id}`)) continue;
            rows.push({
              ...baseColumns(now),
              estateId,
              planId: plan.id,
              assetId: asset.id,
              kind: plan.kind,
              dueDate: day,
              dueAt: dueAtOf(day, estate.timeZone),
              status: 'open',
              overdueAt: null,
              completedAt: null,
              assigneeRole: plan.assigneeRole,
              assigneeUserId: plan.assigneeUserId,
              version: 1,
            });
          }
        }
        for (let start = 0; start < rows.length; start += 200)
          await manager
            .createQueryBuilder()
            .insert()
            .into(AssetTask)
            .values(rows.slice(start, start + 200) as never)
            .orIgnore()
            .execute();
      }
      const overdue = await manager
        .createQueryBuilder()
        .update(AssetTask)
        .set({ status: 'overdue', overdueAt: now, updatedAt: now })
        .where("estate_id = :estateId AND status = 'open' AND due_at <= :now", { estateId, now })
        .execute();
      return { date: day, created: rows.length, markedOverdue: overdue.affected ?? 0 };
    });
  }

  private async assetsOf(
    manager: EntityManager,
    estate: Estate,
    plan: AssetPlan,
    day: string,
  ): Promise<Asset[]> {
    const builder = manager
      .createQueryBuilder(Asset, 'a')
      .where("a.estate_id = :estateId AND a.status = 'in_service'", { estateId: estate.id })
      .andWhere('(a.installed_date IS NULL OR a.installed_date <= :day)', { day });
    if (plan.assetId) builder.andWhere('a.id = :assetId', { assetId: plan.assetId });
    else builder.andWhere('a.category_code = :category', { category: plan.categoryCode });
    return builder.getMany();
  }

  async list(user: AuthenticatedUser, query: TaskQuery): Promise<Page<AssetTaskResponse>> {
    if (query.estateId) await this.estates.accessibleEstate(user, query.estateId);
    const manager = this.transactions.dataSource.manager;
    const now = this.clock.now();
    const builder = manager.createQueryBuilder(AssetTask, 't');
    if (query.estateId) builder.andWhere('t.estate_id = :estateId', { estateId: query.estateId });
    restrictToVisibleEstates(builder, 't', user);
    if (query.status?.length) {
      const statuses = query.status;
      builder.andWhere(
        new Brackets((where) => {
          // stored status, except that an open task past its due time already counts as overdue
          if (statuses.includes('done')) where.orWhere("t.status = 'done'");
          if (statuses.includes('overdue'))
            where.orWhere("(t.status = 'overdue' OR (t.status = 'open' AND t.due_at <= :now))", { now });
          if (statuses.includes('open')) where.orWhere("(t.status = 'open' AND t.due_at > :now)", { now });
        }),
      );
    }
    if (query.kind) builder.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.assetId) builder.andWhere('t.asset_id = :assetId', { assetId: query.assetId });
    if (query.planId) builder.andWhere('t.plan_id = :planId', { planId: query.planId });
    if (query.dueFrom) builder.andWhere('t.due_date >= :dueFrom', { dueFrom: query.dueFrom });
    if (query.dueTo) builder.andWhere('t.due_date <= :dueTo', { dueTo: query.dueTo });
    const [tasks, total] = await builder
      .orderBy('t.due_date', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize)
      .getManyAndCount();
    const results = tasks.length
      ? await manager.findBy(AssetInspectionResult, { taskId: In(tasks.map((task) => task.id)) })
      : [];
    const resultByTask = new Map(results.map((result) => [result.taskId, result]));
    return pageOf(
      tasks.map((task) => toTaskResponse(task, now, resultByTask.get(task.id))),
      total,
      query,
    );
  }

  async get(user: AuthenticatedUser, id: string): Promise<AssetTaskResponse> {
    const manager = this.transactions.dataSource.manager;
    const task = await this.visibleTask(manager, user, id);
    return toTaskResponse(
      task,
      this.clock.now(),
      await manager.findOneBy(AssetInspectionResult, { taskId: id }),
    );
  }

  private async visibleTask(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<AssetTask> {
    const task = await manager.findOneBy(AssetTask, { id });
    if (!task) throw notFound('Asset task', id);
    assertRecordVisible(user, task.estateId, notFound('Asset task', id));
    return task;
  }

  /**
   * Completes a task with one result per checklist item of its plan. With an overall condition, writes
   * a condition record (source `inspection`); a failed item or a condition worse than `fair` opens a
   * work order (channel `inspection`, priority by the plan's rule) — all in one transaction.
   */
  async complete(
    user: AuthenticatedUser,
    id: string,
    request: CompleteTaskRequest,
  ): Promise<AssetTaskResponse> {
    return this.transactions.run(async (manager) => {
      const task = await this.visibleTask(manager, user, id);
      const now = this.clock.now();
      const status = effectiveTaskStatus(task, now);
      if (!nextTaskStatus(status, 'complete'))
        throw new TransitionNotAllowedError('asset task', status, 'complete', allowedTaskActions(status));
      const plan = await manager.findOneByOrFail(AssetPlan, { id: task.planId });
      const asset = await manager.findOneByOrFail(Asset, { id: task.assetId });
      const estate = await this.estates.require(task.estateId, manager);
      const itemResults = this.matchChecklist(plan, request);
      if (plan.kind === 'inspection' && !request.overallCondition)
        throw new UnprocessableError(
          'OVERALL_CONDITION_REQUIRED',
          'An inspection result needs the overall condition',
        );
      const inspectedAt = request.inspectedAt ?? now;
      if (inspectedAt.getTime() > now.getTime())
        throw new UnprocessableError('INSPECTED_AT_IN_FUTURE', 'inspectedAt cannot be in the future');
      if (request.overallCondition) {
        const problem = this.assets.conditionTimeProblem(estate, asset, inspectedAt);
        if (problem) throw problem;
      }

      const updated = await manager
        .createQueryBuilder()
        .update(AssetTask)
        .set({ status: 'done', completedAt: inspectedAt, updatedAt: now })
        .where("id = :id AND version = :version AND status IN ('open', 'overdue')", {
          id,
          version: task.version,
        })
        .execute();
      if (updated.affected !== 1)
        throw new ConflictError(
          'CONCURRENT_MODIFICATION',
          'The task was completed or changed meanwhile; reload it',
        );

      const actor = actorOf(user);
      const record = request.overallCondition
        ? await this.assets.recordCondition(manager, estate, asset, {
            condition: request.overallCondition,
            recordedAt: inspectedAt,
            source: 'inspection',
            note: request.note ?? `${plan.name}`,
            author: actor,
            taskId: task.id,
          })
        : null;

      const failed = itemResults.filter((item) => !item.passed);
      const priority = findingPriority(plan.priorityRule, failed.length, request.overallCondition ?? null);
      let workOrder: { id: string; code: string } | null = null;
      if (priority && this.findingHandler) {
        const labels = failed.map(
          (item) => plan.checklist.find((entry) => entry.id === item.itemId)?.label ?? item.itemId,
        );
        const description = [
          `${plan.kind === 'inspection' ? '巡检' : '保养'}发现问题: ${asset.code} ${asset.name}`,
          request.overallCondition ? `condition ${request.overallCondition}` : null,
          labels.length ? `failed: ${labels.join('; ')}` : null,
          request.note ?? null,
        ]
          .filter(Boolean)
          .join(' — ');
        workOrder = await this.findingHandler(manager, {
          estateId: task.estateId,
          asset,
          plan,
          priority,
          description,
          actor: { id: user.id, name: user.displayName },
        });
      }

      const result = manager.create(AssetInspectionResult, {
        estateId: task.estateId,
        taskId: task.id,
        planId: plan.id,
        assetId: asset.id,
        itemResults,
        overallCondition: request.overallCondition ?? null,
        photos: request.photos ?? null,
        note: request.note ?? null,
        inspectorId: user.id,
        inspectorName: user.displayName,
        inspectedAt,
        conditionRecordId: record?.id ?? null,
        workOrderId: workOrder?.id ?? null,
        workOrderCode: workOrder?.code ?? null,
      });
      await manager.save(result);
      await this.audit.record(manager, {
        estateId: task.estateId,
        entityType: ASSET_TASK_ENTITY,
        entityId: task.id,
        action: 'complete',
        actor,
        fromState: status,
        toState: 'done',
        details: {
          failedItems: failed.length,
          overallCondition: request.overallCondition ?? null,
          workOrderId: workOrder?.id ?? null,
        },
      });
      const done = await manager.findOneByOrFail(AssetTask, { id });
      return toTaskResponse(done, now, result);
    });
  }

  /** One result for each checklist item, no more, no fewer, no repeats — or 422 saying which. */
  private matchChecklist(plan: AssetPlan, request: CompleteTaskRequest): ItemResult[] {
    const expected = plan.checklist.map((item) => item.id);
    const given = request.itemResults.map((item) => item.itemId);
    const duplicated = given.filter((itemId, index) => given.indexOf(itemId) !== index);
    const missing = expected.filter((itemId) => !given.includes(itemId));
    const unexpected = given.filter((itemId) => !expected.includes(itemId));
    if (duplicated.length || missing.length || unexpected.length)
      throw new UnprocessableError(
        'CHECKLIST_MISMATCH',
        `Give exactly one result for each checklist item of the plan (${expected.join(', ')})`,
        { missing, unexpected, duplicated },
      );
    return expected.map((itemId) => {
      const item = request.itemResults.find(
        (candidate) => candidate.itemId === itemId,
      ) as CompleteTaskRequest['itemResults'][number];
      return { itemId, passed: item.passed, value: item.value ?? null, note: item.note ?? null };
    });
  }
}
