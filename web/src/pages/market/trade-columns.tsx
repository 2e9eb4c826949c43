// The columns the Executions and Fills tabs both show (time to the millisecond, YES price, size), so
// the two lists of one order's life read the same.
import { createColumnHelper } from '@tanstack/react-table';
import { formatContracts, formatPrice } from '@core/format';
import { formatDateTime } from '../../format/time';
import { withMillis } from './rows';
import type { TableKit } from '../../components/table-features';

interface TradeFields {
  time: string;
  priceYes: number | null;
  size: number | null;
}

/** Time, price and size columns for rows of type T, in the page's time zone. */
export function tradeColumns<T extends TradeFields>(tz: string) {
  const col = createColumnHelper<TableKit, T>();
  return {
    time: col.accessor((r) => r.time, {
      id: 'time',
      header: 'Time',
      cell: (c) => withMillis(formatDateTime(c.getValue(), tz), c.getValue()),
    }),
    price: col.accessor((r) => r.priceYes, {
      id: 'price',
      header: 'Price',
      cell: (c) => formatPrice(c.getValue()),
      meta: { numeric: true },
    }),
    size: col.accessor((r) => r.size, {
      id: 'size',
      header: 'Size',
      cell: (c) => formatContracts(c.getValue()),
      meta: { numeric: true },
    }),
  };
}
