// Reads a TOML file for the configuration layer. Errors name the file, the line and (when the line
// has one) the key, and never quote the file's text: config and secrets files hold credentials, and
// the parser's own message would print the offending lines.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { UsageError } from '../cli/options.js';

/** A bad config or secrets file; main prints it and exits 2, like any other usage error. */
export class ConfigError extends UsageError {}

export interface TomlFile {
  /** The path as the user gave it (or the default's), for messages. */
  shown: string;
  data: Record<string, unknown>;
  text: string;
}

function keyOnLine(line: string | undefined): string | null {
  const m = /^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=/.exec(line ?? '');
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

export function readTomlFile(path: string, shown: string): TomlFile {
  if (!existsSync(path)) throw new ConfigError(`${shown}: no such file`);
  if (!statSync(path).isFile()) throw new ConfigError(`${shown}: not a file`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${shown}: cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return { shown, data: parse(text), text };
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    const lines = text.split(/\r?\n/);
    const key = keyOnLine(lines[err.line - 1]);
    // First line only: the rest of the parser's message is a quote of the file.
    const reason = (err.message.split('\n')[0] ?? 'invalid TOML').replace(/^Invalid TOML document: /, '');
    let near = '';
    if (!key) {
      // An unterminated value is reported where the file ends; name the key it started at.
      for (let i = err.line - 2; i >= 0; i--) {
        const k = keyOnLine(lines[i]);
        if (k) {
          near = ` (in the value of ${k}, line ${i + 1})`;
          break;
        }
      }
    }
    throw new ConfigError(`${shown}:${err.line}:${key ? ` ${key}:` : ''} invalid TOML: ${reason}${near}`);
  }
}

/** 1-based line of a top-level `key = …`, or null when it cannot be found (e.g. a dotted key). */
export function lineOf(file: TomlFile, key: string): number | null {
  const lines = file.text.split(/\r?\n/);
  const i = lines.findIndex((l) => keyOnLine(l) === key);
  return i < 0 ? null : i + 1;
}

/** 1-based line of a `[section]` header, or null. */
export function sectionLineOf(file: TomlFile, name: string): number | null {
  const i = file.text
    .split(/\r?\n/)
    .findIndex((l) => new RegExp(`^\\s*\\[\\s*"?${name.replace(/[^A-Za-z0-9_-]/g, '.')}"?\\s*\\]`).test(l));
  return i < 0 ? null : i + 1;
}

export function at(file: TomlFile, key: string): string {
  const line = lineOf(file, key) ?? sectionLineOf(file, key);
  return line === null ? file.shown : `${file.shown}:${line}`;
}

/** A file that holds a secret should not be readable by other users of the machine. */
export function readableByOthers(path: string): boolean {
  try {
    return (statSync(path).mode & 0o004) !== 0;
  } catch {
    return false;
  }
}
