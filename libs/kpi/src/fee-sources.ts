import { CollectionService } from '@estate/fees';
import { pageOf } from '@estate/shared';
import { MetricSource } from './metric-source';

/** KPI #4 from the fees library: management-fee fen collected by period end ÷ billed (YTD bills). */
export function feeSources(collection: CollectionService): Record<string, MetricSource> {
  return {
    fee_collection_rate: {
      figures: async (context) => {
        const rate = await collection.managementFeeCollectionRate(context.estate.id, context.period);
        return { numerator: rate.numeratorFen, denominator: rate.denominatorFen };
      },
      // The records behind a shortfall: the management-fee bills still outstanding at period end.
      records: async (context, request) => {
        if (request.part === 'numerator') return pageOf([], 0, request);
        const page = await collection.unpaidManagementFeeBills(context.estate.id, context.period, request);
        return {
          ...page,
          items: page.items.map((bill) => ({
            id: bill.id,
            label: `${bill.period} ${bill.itemName}`,
            inNumerator: false,
            facts: {
              unitId: bill.unitId,
              period: bill.period,
              amountFen: bill.amountFen,
              outstandingAtPeriodEndFen: bill.outstandingAtPeriodEndFen,
              dueDate: bill.dueDate,
            },
          })),
        };
      },
    },
  };
}
