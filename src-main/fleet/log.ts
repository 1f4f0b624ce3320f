import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The desk's log file, for IT (docs/operations.md): one JSON object a line in
 * `<data folder>/logs/daoyi.log`, rotated by size (daoyi.log → daoyi.1.log → … → daoyi.<keep>.log,
 * the oldest dropped). Our own small writer (electron-log is not in the dependencies), written
 * synchronously: a handful of lines a minute, and a line written before a crash must be on disk.
 *
 * Never patient data. Two layers:
 * - callers log events and codes (`operation`, `code`, `field`, sync states), not documents;
 * - every string that reaches the file passes `redact`: runs of Chinese characters (names,
 *   addresses, notes), runs of 7+ digits (phones, ID numbers) and e-mail addresses are replaced.
 *   An error message quoting a customer therefore arrives as `[zh]` / `[digits]`.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  readonly file: string;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** An error: its name and (redacted) message and the top of its stack. */
  error(event: string, err: unknown, fields?: LogFields): void;
}

export interface LogOptions {
  /** Rotate when the file would grow past this (default 1 MB). */
  maxBytes?: number;
  /** Rotated files kept beside the current one (default 4). */
  keep?: number;
  now?: () => Date;
}

export const LOG_FILE = 'daoyi.log';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;
const LONG_DIGITS = /\d[\d\s-]{5,}\d/g;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/g;

/** The text with anything that may be a person's name, phone or address replaced. */
export function redact(text: string): string {
  return text.replace(EMAIL, '[email]').replace(LONG_DIGITS, (m) => (m.replace(/\D/g, '').length >= 7 ? '[digits]' : m)).replace(CJK, '[zh]');
}

function clean(fields: LogFields | undefined): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    out[redact(key).slice(0, 60)] = typeof value === 'string' ? redact(value).slice(0, 500) : value;
  }
  return out;
}

export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) {
    const stack = (err.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim()).join(' | ');
    return { error: err.name, message: err.message, stack };
  }
  return { error: typeof err, message: String(err) };
}

export function openLog(dir: string, options: LogOptions = {}): Logger {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 4);
  const now = options.now ?? (() => new Date());
  const file = join(dir, LOG_FILE);
  const rotated = (n: number) => join(dir, `daoyi.${n}.log`);
  let size: number | null = null;

  function rotate() {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    if (existsSync(file)) renameSync(file, rotated(1));
    size = 0;
  }

  function write(level: LogLevel, event: string, fields: LogFields | undefined) {
    try {
      const line = JSON.stringify({ at: now().toISOString(), level, event: redact(event).slice(0, 120), ...clean(fields) }) + '\n';
      const bytes = Buffer.byteLength(line);
      if (size === null) {
        mkdirSync(dir, { recursive: true });
        size = existsSync(file) ? statSync(file).size : 0;
      }
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(file, line);
      size += bytes;
    } catch {
      // A log that cannot be written (disk full, folder gone) must not stop the desk.
      size = null;
    }
  }

  return {
    file,
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, err, fields) => write('error', event, { ...fields, ...errorFields(err) }),
  };
}

/** A logger that writes nothing (a store opened without a data folder's log). */
export const silentLog: Logger = { file: '', info: () => {}, warn: () => {}, error: () => {} };

/**
 * Uncaught errors go to the log; the process's own handling (printing, ending) is left as it was.
 * Node raises an unhandled rejection as an uncaught exception, so the monitor sees both there.
 * `rejections`: also listen for unhandled rejections themselves, for Electron's main process, which
 * only warns about them (a listener would stop Node from ending the process, so not in Node).
 * Returns a function that stops it.
 */
export function logUncaught(log: Logger, options: { rejections?: boolean } = {}, proc: NodeJS.Process = process): () => void {
  const onException = (err: unknown) => log.error('uncaught exception', err);
  const onRejection = (err: unknown) => log.error('unhandled rejection', err);
  proc.on('uncaughtExceptionMonitor', onException);
  if (options.rejections) proc.on('unhandledRejection', onRejection);
  return () => {
    proc.removeListener('uncaughtExceptionMonitor', onException);
    proc.removeListener('unhandledRejection', onRejection);
  };
}
