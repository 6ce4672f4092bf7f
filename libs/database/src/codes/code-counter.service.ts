import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@estate/shared';
import { EntityManager } from 'typeorm';
import { CodeCounter } from './code-counter.entity';

/**
 * Human codes such as `WO-2026-000123`: numbered per estate, scope and year from a counter row that
 * is incremented inside the caller's transaction (the row lock serialises concurrent callers on
 * MySQL; SQLite transactions are serialised anyway). Gap-free as long as the caller's transaction
 * commits; never `MAX()+1`.
 */
@Injectable()
export class CodeCounterService {
  async next(manager: EntityManager, estateId: string, scope: string, year: number): Promise<number> {
    const updated = await manager
      .createQueryBuilder()
      .update(CodeCounter)
      .set({ value: () => 'value + 1' })
      .where('estate_id = :estateId AND scope = :scope AND year = :year', { estateId, scope, year })
      .execute();
    if (!updated.affected) {
      try {
        await manager.insert(CodeCounter, { estateId, scope, year, value: 1 });
        return 1;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another transaction created the row first: take the next number after it.
        return this.next(manager, estateId, scope, year);
      }
    }
    const row = await manager.findOneByOrFail(CodeCounter, { estateId, scope, year });
    return row.value;
  }

  /** `formatCode('WO', 2026, 123)` → `WO-2026-000123`. */
  static formatCode(scope: string, year: number, number: number): string {
    return `${scope}-${year}-${String(number).padStart(6, '0')}`;
  }

  /** Allocates and formats the next code in one call. */
  async nextCode(manager: EntityManager, estateId: string, scope: string, year: number): Promise<string> {
    return CodeCounterService.formatCode(scope, year, await this.next(manager, estateId, scope, year));
  }
}
