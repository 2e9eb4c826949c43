import { isStoreError } from '../store/client.js';
// Errors are values at the edge: a bad parameter is a 400 naming it, an unknown market a 404, a store
// outage a 503 `store_unavailable` — each with the same {error: {code, message}} body.
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    /** What went wrong underneath: written to the server log, never into a response. */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/**
 * What a response may say about a failure of DynamoDB (or another service): its error's name (e.g.
 * AccessDeniedException), never its message — AWS messages carry the account id, role and
 * instance id. The full error goes to the server log.
 */
export function failureName(err: unknown): string {
  const name = err instanceof Error ? err.name : typeof err;
  return /^[A-Za-z][A-Za-z0-9_.:-]{0,80}$/.test(name) ? name : 'Error';
}

/** The 503 for a store that did not answer: a stable code and the error's name only. */
export function storeUnavailable(err: unknown): ApiError {
  return new ApiError(
    503,
    'store_unavailable',
    `DynamoDB did not answer (${failureName(err)}); the server log has the details`,
    undefined,
    err,
  );
}

export function badParam(param: string, message: string): ApiError {
  return new ApiError(400, 'bad_parameter', `${param}: ${message}`, param);
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', what);
}

/** The store did not produce an answer within the server's deadline for one response. */
export class StoreDeadlineError extends Error {
  constructor(ms: number) {
    super(`no answer from DynamoDB within ${ms} ms`);
    this.name = 'StoreDeadline';
  }
}

const STORE_ERROR_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);

/** True for failures of the store itself (as opposed to bugs): they map to 503 store_unavailable. */
export function isStoreFailure(err: unknown): boolean {
  if (isStoreError(err) || err instanceof StoreDeadlineError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  return (
    STORE_ERROR_NAMES.has(err.name) ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'ETIMEDOUT' ||
    err.name === 'ResourceNotFoundException' ||
    err.name === 'CredentialsProviderError' ||
    err.name === 'UnrecognizedClientException' ||
    err.name === 'AccessDeniedException' ||
    ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0) >= 500
  );
}
