/**
 * The baseline: grpc-js with no adapter, reading our server's SQLite file with better-sqlite3
 * (the same primary-key read of the order row; the same batches of 100 events) and answering
 * the bytes our server answered, prebuilt. Args: dbPath, GetOrder response file, WatchEvents
 * message file. Prints `READY {grpcPort}`.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import Database from 'better-sqlite3';
import { listenOnLoopback } from './listen.js';
import { rawMethod } from './raw-method.js';

const [dbPath, orderFile, eventFile] = process.argv.slice(2);
if (!dbPath || !orderFile || !eventFile) throw new Error('usage: dbPath orderFile eventFile');
const orderBytes = readFileSync(orderFile);
const eventBytes = readFileSync(eventFile);
const db = new Database(dbPath, { readonly: true });
const readOrder = db.prepare<[string], unknown>('SELECT * FROM orders WHERE id = ?');
const readEvents = db.prepare<[number, number], { sequence: number }>(
  'SELECT * FROM events WHERE sequence > ? ORDER BY sequence LIMIT ?',
);

/** GetOrderRequest is `string order_id = 1` (short ids: one length byte). */
const orderIdOf = (request: Buffer) => request.subarray(2, 2 + (request[1] ?? 0)).toString();

const server = new grpc.Server();
server.addService(
  {
    getOrder: rawMethod('/commerce.v1.OrderService/GetOrder', false),
    watchEvents: rawMethod('/commerce.v1.EventService/WatchEvents', true),
  },
  {
    getOrder(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) {
      const row = readOrder.get(orderIdOf(call.request));
      if (row === undefined) callback({ code: grpc.status.NOT_FOUND });
      else callback(null, orderBytes);
    },
    watchEvents(call: grpc.ServerWritableStream<Buffer, Buffer>) {
      let cursor = 0;
      let open = true;
      call.on('cancelled', () => {
        open = false;
      });
      const pump = () => {
        while (open) {
          const rows = readEvents.all(cursor, 100);
          if (rows.length === 0) return call.end();
          let room = true;
          for (const row of rows) {
            cursor = row.sequence;
            room = call.write(eventBytes);
          }
          if (!room) return call.once('drain', pump);
        }
      };
      pump();
    },
  },
);
listenOnLoopback(server);
