import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * What happened to an order's charge: `completed` (every completion, chargeable or not — a rework
 * may change or drop the charge) or `cancelled`.
 */
export interface WorkOrderChargeEvent {
  kind: 'completed' | 'cancelled';
  workOrderId: string;
  code: string;
  estateId: string;
  /** null for public-area repairs: never billed. */
  unitId: string | null;
  chargeable: boolean;
  /** The charge of this completion in fen (null when not chargeable). */
  amountFen: number | null;
  /** Completion or cancellation time. */
  at: Date;
  /** The order's words for it: the resolution of a completion, the cancel reason. */
  reason: string;
  /** Who completed or cancelled it: the approver of a waiver this causes. */
  actor: { id: string; name: string };
}

/** The order's bill as the work order shows it. */
export interface WorkOrderBillSummary {
  billId: string;
  period: string;
  /** What the resident is charged: the bill amount net of waivers. */
  amountFen: number;
  paidFen: number;
  outstandingFen: number;
  /** Nothing outstanding and something was charged. */
  paid: boolean;
}

/**
 * The port through which a chargeable repair becomes a bill (维修费) without work-orders touching
 * the fees tables: the fees library binds an implementation at start-up (`RepairBillingLink`).
 * `charge` is awaited INSIDE the transition's transaction with its manager, so a failure rolls the
 * completion back and writes nothing. Unbound (an app without fees) nothing is billed.
 */
export interface WorkOrderBillingPort {
  charge(manager: EntityManager, event: WorkOrderChargeEvent): Promise<void>;
  billsOf(manager: EntityManager, workOrderIds: string[]): Promise<Map<string, WorkOrderBillSummary>>;
}

@Injectable()
export class WorkOrderBilling {
  private port: WorkOrderBillingPort | null = null;

  bind(port: WorkOrderBillingPort): void {
    this.port = port;
  }

  async charge(manager: EntityManager, event: WorkOrderChargeEvent): Promise<void> {
    await this.port?.charge(manager, event);
  }

  async billsOf(manager: EntityManager, workOrderIds: string[]): Promise<Map<string, WorkOrderBillSummary>> {
    const ids = [...new Set(workOrderIds)];
    if (!this.port || !ids.length) return new Map();
    return this.port.billsOf(manager, ids);
  }

  async billOf(manager: EntityManager, workOrderId: string): Promise<WorkOrderBillSummary | null> {
    return (await this.billsOf(manager, [workOrderId])).get(workOrderId) ?? null;
  }
}
