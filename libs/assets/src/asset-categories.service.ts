import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@estate/auth';
import { TransactionService } from '@estate/database';
import { EstatesService } from '@estate/estates';
import { baseColumns, Clock, ConflictError } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { DEFAULT_ASSET_CATEGORIES } from './asset.constants';
import { AssetCategoryResponse, CreateAssetCategoryRequest } from './dto/asset.dto';
import { AssetCategory } from './entities';
import { toCategoryResponse } from './mappers';

/**
 * Per-estate asset categories. An estate gets DEFAULT_ASSET_CATEGORIES the first time its categories
 * are needed (listed, or an asset/plan/import names one); `INSERT … OR IGNORE` on the unique
 * (estate, code) makes that safe when two requests seed at once. Estates may add their own.
 */
@Injectable()
export class AssetCategoriesService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly estates: EstatesService,
    private readonly clock: Clock,
  ) {}

  /** The estate's categories, seeding the defaults on first use (inside the caller's transaction). */
  async categoriesOf(manager: EntityManager, estateId: string): Promise<AssetCategory[]> {
    const existing = await manager.find(AssetCategory, { where: { estateId }, order: { code: 'ASC' } });
    if (existing.length) return existing;
    const now = this.clock.now();
    await manager
      .createQueryBuilder()
      .insert()
      .into(AssetCategory)
      .values(DEFAULT_ASSET_CATEGORIES.map((category) => ({ ...baseColumns(now), estateId, ...category })))
      .orIgnore()
      .execute();
    return manager.find(AssetCategory, { where: { estateId }, order: { code: 'ASC' } });
  }

  async list(user: AuthenticatedUser, estateId: string): Promise<AssetCategoryResponse[]> {
    await this.estates.accessibleEstate(user, estateId);
    return this.transactions.run(async (manager) =>
      (await this.categoriesOf(manager, estateId)).map(toCategoryResponse),
    );
  }

  async create(user: AuthenticatedUser, request: CreateAssetCategoryRequest): Promise<AssetCategoryResponse> {
    return this.transactions.run(async (manager) => {
      await this.estates.accessibleEstate(user, request.estateId, manager);
      const categories = await this.categoriesOf(manager, request.estateId);
      if (categories.some((category) => category.code === request.code))
        throw new ConflictError(
          'CATEGORY_CODE_TAKEN',
          `Category ${request.code} already exists in this estate`,
        );
      const category = manager.create(AssetCategory, {
        estateId: request.estateId,
        code: request.code,
        name: request.name,
        kpiGroup: request.kpiGroup ?? null,
      });
      await manager.save(category);
      return toCategoryResponse(category);
    });
  }
}
