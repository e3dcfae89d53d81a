/**
 * The order row the naive and ceiling servers read: the same SQLite file and row the real server
 * serves (its path comes in BENCH_SOAP_DB), one primary-key read per call with better-sqlite3.
 */
import Database from 'better-sqlite3';

export interface OrderRow {
  id: string;
  customer_id: string;
  items: string;
  amount: number;
  currency: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OrderItem {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export function openOrders(): (id: string) => OrderRow | undefined {
  const path = process.env.BENCH_SOAP_DB;
  if (!path) throw new Error('BENCH_SOAP_DB is not set');
  const db = new Database(path, { fileMustExist: true });
  const read = db.prepare<[string], OrderRow>(
    'SELECT id, customer_id, items, amount, currency, status, version, created_at, updated_at FROM orders WHERE id = ?',
  );
  return (id) => read.get(id);
}
