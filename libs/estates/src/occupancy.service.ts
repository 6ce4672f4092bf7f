import { Injectable } from '@nestjs/common';
import { ReadMemo, TransactionService } from '@estate/database';
import { EntityManager } from 'typeorm';
import { Resident } from './entities';

/**
 * Occupancy rule: a unit is occupied on a date if it has a resident with
 * moveInDate ≤ date < moveOutDate (or no move-out yet). "Households" (户数) for the KPIs are the
 * units occupied on the last day of the period (see docs/kpi.md).
 */
@Injectable()
export class OccupancyService {
  constructor(private readonly transactions: TransactionService) {}

  /**
   * Number of distinct occupied units of the estate on a local date: one COUNT on a covering index.
   * Without a manager, inside a ReadMemo scope (a scorecard: #16–#18, #20, #25 all divide by it)
   * it is counted once per estate and date.
   */
  async occupiedUnitCount(estateId: string, date: string, manager?: EntityManager): Promise<number> {
    if (manager) return this.countOccupied(manager, estateId, date);
    return ReadMemo.remember(`households:${estateId}:${date}`, () =>
      this.countOccupied(this.transactions.dataSource.manager, estateId, date),
    );
  }

  private async countOccupied(manager: EntityManager, estateId: string, date: string): Promise<number> {
    const row: { count: string | number } | undefined = await manager
      .createQueryBuilder(Resident, 'resident')
      .select('COUNT(DISTINCT resident.unit_id)', 'count')
      .where('resident.estate_id = :estateId', { estateId })
      .andWhere('resident.move_in_date <= :date', { date })
      .andWhere('(resident.move_out_date IS NULL OR resident.move_out_date > :date)', { date })
      .getRawOne();
    return Number(row?.count ?? 0);
  }

  async isOccupied(
    unitId: string,
    date: string,
    manager: EntityManager = this.transactions.dataSource.manager,
  ): Promise<boolean> {
    const count = await manager
      .createQueryBuilder(Resident, 'resident')
      .where('resident.unit_id = :unitId', { unitId })
      .andWhere('resident.move_in_date <= :date', { date })
      .andWhere('(resident.move_out_date IS NULL OR resident.move_out_date > :date)', { date })
      .getCount();
    return count > 0;
  }

  /** SQL condition (for joins elsewhere) that a resident alias lives there on `:date`. */
  static livingOnCondition(alias: string, dateParameter = 'date'): string {
    return `${alias}.move_in_date <= :${dateParameter} AND (${alias}.move_out_date IS NULL OR ${alias}.move_out_date > :${dateParameter})`;
  }
}
