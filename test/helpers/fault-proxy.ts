// A fault-injecting HTTP proxy between the dashboard and a real DynamoDB (dynalite): per table it can
// throttle, fail with 500, delay, drop the connection or answer garbage — as DynamoDB and networks do.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'none' }
  | { kind: 'throttle'; error: 'ProvisionedThroughputExceededException' | 'ThrottlingException' }
  | { kind: 'server-error' }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'malformed' };

export interface FaultProxy {
  endpoint: string;
  /** Sets the fault for a table name, or '*' for every table. */
  set(table: string, fault: Fault): void;
  clear(): void;
  /** Requests seen, per table. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

function tableOf(body: string): string {
  try {
    const j = JSON.parse(body) as { TableName?: string; RequestItems?: Record<string, unknown> };
    return j.TableName ?? Object.keys(j.RequestItems ?? {})[0] ?? '-';
  } catch {
    return '-';
  }
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const faults = new Map<string, Fault>();
  const seen = new Map<string, number>();
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const table = tableOf(body.toString());
      seen.set(table, (seen.get(table) ?? 0) + 1);
      const fault = faults.get(table) ?? faults.get('*') ?? { kind: 'none' };
      const forward = () => {
        const up = http.request(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
          },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on('error', () => res.destroy());
        up.end(body);
      };
      switch (fault.kind) {
        case 'none':
          return forward();
        case 'throttle':
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault' });
          return res.end(
            JSON.stringify({
              __type: `com.amazonaws.dynamodb.v20120810#${fault.error}`,
              message: 'Rate exceeded (injected)',
            }),
          );
        case 'server-error':
          res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
          return res.end(
            JSON.stringify({
              __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
              message: 'injected',
            }),
          );
        case 'delay':
          return void setTimeout(forward, fault.ms);
        case 'drop':
          return req.socket.destroy();
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
          return res.end('{"Items": [ this is not json');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (table, fault) => faults.set(table, fault),
    clear: () => faults.clear(),
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
