import { PRODUCT_NAMES } from './docs-corpus.js';

export interface Order {
  orderId: string;
  item: string;
  status: 'processing' | 'shipped' | 'delivered';
  placedOn: string;
  carrier: string;
  trackingNumber: string;
}

const STATUSES: readonly Order['status'][] = ['processing', 'shipped', 'delivered'];
const CARRIERS = ['UPS', 'FedEx', 'DHL'];

/** Order ids the demo's customers ask about: A-1001 … A-1040. */
export const ORDER_IDS: readonly string[] = Array.from({ length: 40 }, (_, index) => `A-${1001 + index}`);

/** The order store of the order service: derived from the id, so every run sees the same orders. */
export function findOrder(orderId: string): Order | undefined {
  const number = Number(/^A-(\d{4})$/.exec(orderId.trim().toUpperCase())?.[1]);
  if (!Number.isInteger(number) || number < 1001 || number > 1040) return undefined;
  const day = 1 + (number % 28);
  return {
    orderId: `A-${number}`,
    item: PRODUCT_NAMES[number % PRODUCT_NAMES.length]!,
    status: STATUSES[number % STATUSES.length]!,
    placedOn: `2025-11-${String(day).padStart(2, '0')}`,
    carrier: CARRIERS[number % CARRIERS.length]!,
    trackingNumber: `1Z${String(number * 7919).padStart(10, '0')}`,
  };
}
