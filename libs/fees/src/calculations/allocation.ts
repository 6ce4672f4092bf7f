/**
 * Allocation of a payment (or of unit credit) to bills. Pure: the service loads the open bills,
 * this decides the split, the service writes it.
 */
export interface OpenBill {
  id: string;
  dueDate: string;
  period: string;
  outstandingFen: number;
}

export interface AllocationPlan {
  allocations: { billId: string; amountFen: number }[];
  /** What is left over: becomes unit credit (预存). */
  remainderFen: number;
}

/** FIFO order: oldest due date first, then older period, then id (bills of one run are time-ordered). */
export function fifoOrder<T extends OpenBill>(bills: readonly T[]): T[] {
  return [...bills].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) || a.period.localeCompare(b.period) || a.id.localeCompare(b.id),
  );
}

/** Fills bills in the given order, each up to its outstanding amount; partial on the last one reached. */
export function allocateInOrder(amountFen: number, bills: readonly OpenBill[]): AllocationPlan {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError(`Bad amount ${amountFen}`);
  let left = amountFen;
  const allocations: AllocationPlan['allocations'] = [];
  for (const bill of bills) {
    if (left === 0) break;
    if (bill.outstandingFen <= 0) continue;
    const amount = Math.min(left, bill.outstandingFen);
    allocations.push({ billId: bill.id, amountFen: amount });
    left -= amount;
  }
  return { allocations, remainderFen: left };
}

/** Oldest due first. */
export function allocateFifo(amountFen: number, bills: readonly OpenBill[]): AllocationPlan {
  return allocateInOrder(amountFen, fifoOrder(bills));
}
