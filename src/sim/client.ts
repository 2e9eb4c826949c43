// A DynamoDB document client for the simulator's writes. Local endpoints (dynalite, DynamoDB
// Local) get dummy credentials so nobody needs AWS keys to seed a local store.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface WriterClientOptions {
  /** e.g. http://127.0.0.1:4567; undefined ⇒ the SDK's default AWS endpoint for the region. */
  endpoint?: string;
  region?: string;
}

/** Loopback hosts and plain-http endpoints are local emulators, never AWS. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const url = new URL(endpoint);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return url.protocol === 'http:' || host === 'localhost' || host === '::1' || host.startsWith('127.');
  } catch {
    return false;
  }
}

export function createWriterClient(opts: WriterClientOptions = {}): DynamoDBDocumentClient {
  const local = isLocalEndpoint(opts.endpoint);
  const client = new DynamoDBClient({
    region: opts.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 6,
  });
  // JS numbers marshal via String(n): the shortest round-trip repr, like Python's, so float
  // artifacts such as 0.35000000000000003 survive exactly as the bot stores them.
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
