import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AcceptanceResult } from './work-order.constants';

export interface WorkOrderAcceptanceEvent {
  workOrderId: string;
  estateId: string;
  /** The linked asset, or null for in-home repairs. */
  assetId: string | null;
  result: AcceptanceResult;
  at: Date;
}

export type WorkOrderAcceptanceListener = (
  manager: EntityManager,
  event: WorkOrderAcceptanceEvent,
) => Promise<void>;

/**
 * Other libraries hook into acceptance without work-orders depending on them: e.g. the assets
 * library registers a listener that writes a `good` condition record when an order linked to an
 * asset passes. Listeners run in registration order, awaited INSIDE the acceptance transaction
 * (use the given manager); a listener that throws rolls the acceptance back.
 */
@Injectable()
export class WorkOrderAcceptanceListeners {
  private readonly listeners: WorkOrderAcceptanceListener[] = [];

  register(listener: WorkOrderAcceptanceListener): void {
    this.listeners.push(listener);
  }

  async notify(manager: EntityManager, event: WorkOrderAcceptanceEvent): Promise<void> {
    for (const listener of this.listeners) await listener(manager, event);
  }
}
