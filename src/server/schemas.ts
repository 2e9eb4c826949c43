// The JSON schemas of the API's query and path parameters, which Fastify checks before a handler
// runs, and how a rejection reads: a 400 `bad_parameter` naming the parameter, worded as params.ts
// words its own checks. What a schema cannot say (a known time zone, from ≤ to, a cursor this server
// issued) stays in params.ts.
//
// Query values are strings and stay strings: the validator coerces nothing (Fastify's default would
// turn `days=1e1` into 10 and a repeated key's one-item array into its item). An integer is a string
// of digits whose value is within `integerRange`, a keyword added here.
import type { FastifyError, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Ajv } from 'ajv';
import { badParam, type ApiError } from './errors.js';

export interface ParamSchema {
  type: 'string';
  enum?: readonly string[];
  pattern?: string;
  /** Inclusive bounds of an integer written in decimal (see integerRangeKeyword). */
  integerRange?: readonly [number, number];
  description?: string;
}

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, ParamSchema>;
  required?: string[];
}

/** Any text (its checks, if any, are in params.ts); only a repeated key is refused here. */
export const text: ParamSchema = { type: 'string' };
export const env: ParamSchema = { type: 'string', enum: ['demo', 'prod'] };
export const format: ParamSchema = { type: 'string', enum: ['json', 'csv', 'xlsx'] };
export function integer(min: number, max: number): ParamSchema {
  return { type: 'string', pattern: '^-?\\d+$', integerRange: [min, max] };
}
/** A Kalshi ticker: 1–200 characters (UTF-16 units, as JavaScript counts), no control characters. */
export const marketId: ParamSchema = { type: 'string', pattern: '^[^\\u0000-\\u001f\\u007f]{1,200}$' };
/** `<bot_run_id>:<market>:<loop>`, at most 400 characters. */
export const decisionId: ParamSchema = {
  type: 'string',
  pattern: '^(?=[\\s\\S]{0,400}$)\\d{8}-\\d{6}-[0-9a-f]+:[^:]+:[^:]+$',
};

/** A range: `days` ending now, or `from`/`to` (ISO time or YYYY-MM-DD, checked in params.ts). */
export const range = { days: integer(1, 365), from: text, to: text } as const;

/**
 * A route's query string: the parameters it reads. Others are let through and ignored, as the API
 * has always done (a link with a parameter from a newer page still opens).
 */
export function query(properties: Record<string, ParamSchema>): ObjectSchema {
  return { type: 'object', properties };
}

/** A route's path parameters (each present: the router matched them). */
export function path(properties: Record<string, ParamSchema>): ObjectSchema {
  return { type: 'object', properties, required: Object.keys(properties) };
}

/** Fastify's `ajv` option: strings stay strings, lengths and patterns count UTF-16 units. */
export const AJV_OPTIONS: NonNullable<FastifyServerOptions['ajv']> = {
  customOptions: {
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    allErrors: false,
    // Patterns without the `u` flag: `{1,200}` counts what String.length counts.
    unicodeRegExp: false,
  },
  plugins: [integerRangeKeyword],
};

function integerRangeKeyword(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: 'integerRange',
    type: 'string',
    schemaType: 'array',
    errors: false,
    validate: (bounds: readonly [number, number], data: string) => {
      if (!/^-?\d+$/.test(data)) return true; // `pattern` words that one
      const n = Number(data);
      return n >= bounds[0] && n <= bounds[1];
    },
  });
  return ajv;
}

/** How a parameter's value is quoted back: at most this many characters. */
const QUOTED: Record<string, number> = { format: 20, table: 20, tz: 60 };

function quote(name: string, v: string): string {
  return v.slice(0, QUOTED[name] ?? 40);
}

function orList(values: readonly string[]): string {
  return values.length <= 2 ? values.join(' or ') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** Why a value fails its schema, in the words params.ts used for the same check. */
export function rejection(name: string, value: unknown, schema: ParamSchema | undefined): string {
  if (value === undefined) return 'is required';
  if (typeof value !== 'string') return 'given more than once';
  if (name === 'marketId') {
    return value.length === 0 || value.length > 200
      ? `must be 1–200 characters, got ${value.length}`
      : 'contains control characters';
  }
  if (name === 'decisionId') {
    return 'must look like <bot_run_id>:<market>:<loop> or <bot_run_id>:<startup_cancel|halt_cancel|fatal_cleanup_cancel>:<YYYYMMDD-HHMMSS>';
  }
  if (schema?.enum) return `must be ${orList(schema.enum)}, got "${quote(name, value)}"`;
  if (schema?.integerRange) {
    if (!/^-?\d+$/.test(value)) return `must be an integer, got "${quote(name, value)}"`;
    const [min, max] = schema.integerRange;
    return `must be between ${min} and ${max}, got ${Number(value)}`;
  }
  return `is not valid: "${quote(name, value)}"`;
}

/**
 * The 400 for a request its route's schema refused: the first failing parameter, named. Fastify's
 * error carries the validator's errors and which part of the request failed.
 */
export function schemaRejection(err: FastifyError, req: FastifyRequest): ApiError {
  const first = err.validation?.[0];
  const part = err.validationContext === 'params' ? 'params' : 'querystring';
  const missing = (first?.params as { missingProperty?: unknown } | undefined)?.missingProperty;
  const name = typeof missing === 'string' ? missing : ((first?.instancePath ?? '').split('/')[1] ?? '');
  const values = (part === 'params' ? req.params : req.query) as Record<string, unknown> | undefined;
  const schema = (req.routeOptions.schema?.[part] as ObjectSchema | undefined)?.properties[name];
  if (!name) return badParam(part === 'params' ? 'path' : 'query', 'is not valid');
  return badParam(name, rejection(name, values?.[name], schema));
}
