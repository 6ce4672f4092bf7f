import { allocateFifo, allocateInOrder, fifoOrder, OpenBill } from './allocation';

const bill = (
  id: string,
  dueDate: string,
  outstandingFen: number,
  period = dueDate.slice(0, 7),
): OpenBill => ({
  id,
  dueDate,
  period,
  outstandingFen,
});

describe('allocation', () => {
  const bills = [
    bill('c', '2026-10-15', 30000),
    bill('a', '2026-08-15', 10000),
    bill('b', '2026-09-15', 20000),
    bill('b2', '2026-09-15', 5000, '2026-08'),
  ];

  it('orders oldest due first, then period, then id', () => {
    expect(fifoOrder(bills).map((item) => item.id)).toEqual(['a', 'b2', 'b', 'c']);
  });

  it('pays the oldest bills in full and the next one partly', () => {
    // 10000 (a) + 5000 (b2) + 12000 of b = 27000
    expect(allocateFifo(27000, bills)).toEqual({
      allocations: [
        { billId: 'a', amountFen: 10000 },
        { billId: 'b2', amountFen: 5000 },
        { billId: 'b', amountFen: 12000 },
      ],
      remainderFen: 0,
    });
  });

  it('leaves the overpayment as a remainder (credit)', () => {
    // total outstanding 65000; 70000 paid → 5000 credit
    const plan = allocateFifo(70000, bills);
    expect(plan.allocations.reduce((sum, item) => sum + item.amountFen, 0)).toBe(65000);
    expect(plan.remainderFen).toBe(5000);
  });

  it('keeps the caller order for named bills and skips settled ones', () => {
    expect(allocateInOrder(25000, [bill('c', '2026-10-15', 30000), bill('a', '2026-08-15', 0)])).toEqual({
      allocations: [{ billId: 'c', amountFen: 25000 }],
      remainderFen: 0,
    });
  });

  it('refuses negative or unsafe amounts', () => {
    expect(() => allocateFifo(-1, bills)).toThrow(RangeError);
    expect(() => allocateFifo(2 ** 53, bills)).toThrow(RangeError);
  });
});
