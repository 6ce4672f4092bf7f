import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the caller lookup shows per unit from libraries that depend on this one. */
export type UnitRecordCount = 'openWorkOrders' | 'openComplaints';

/** Counts records per unit for the given units of one estate (one statement for all of them). */
export type UnitRecordCounter = (
  manager: EntityManager,
  estateId: string,
  unitIds: string[],
) => Promise<Map<string, number>>;

/**
 * The estates library cannot import work orders or complaints (they depend on it), so they register
 * how to count their open records per unit here at start-up, the way work orders take acceptance
 * listeners. A count nobody registered is 0.
 */
@Injectable()
export class UnitRecordCounters {
  private readonly counters = new Map<UnitRecordCount, UnitRecordCounter>();

  register(kind: UnitRecordCount, counter: UnitRecordCounter): void {
    this.counters.set(kind, counter);
  }

  async count(
    kind: UnitRecordCount,
    manager: EntityManager,
    estateId: string,
    unitIds: string[],
  ): Promise<Map<string, number>> {
    const counter = this.counters.get(kind);
    if (!counter || !unitIds.length) return new Map();
    return counter(manager, estateId, unitIds);
  }
}

/** `SELECT unit_id, COUNT(*) … GROUP BY unit_id` result rows → a map. */
export function countsByUnit(rows: { unitId: string; count: number | string }[]): Map<string, number> {
  return new Map(rows.map((row) => [row.unitId, Number(row.count)]));
}
