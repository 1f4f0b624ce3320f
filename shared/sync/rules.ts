import { ALL_CLINICS } from '../reference/calendar';
import type { SyncState, syncErrorKinds } from './schemas';

/**
 * Pure rules of sync with head office: which documents travel where, how long to wait before
 * trying again, what the shell shows, and what differs between conflicting revisions.
 */

export type SyncErrorKind = (typeof syncErrorKinds)[number];

/** The clinic's database at head office, e.g. `clinic_bj` (CouchDB names are lower case). */
export function clinicDbName(code: string): string {
  return `clinic_${code.toLowerCase()}`;
}

/** Head office's read-only database of things every clinic shares (the working-day calendar). */
export const REFERENCE_DB = 'reference';

interface DocLike {
  _id: string;
  clinic?: unknown;
}

/** A document head office writes for every clinic (`clinic: '*'`, the calendar): pulled, never pushed. */
export function isReferenceDoc(doc: DocLike): boolean {
  return doc._id.startsWith('calendar:') || doc.clinic === ALL_CLINICS;
}

/**
 * What travels between the desk and its clinic's database, both ways: everything but design
 * documents (each side keeps its own: the desk's views, head office's validation) and the
 * reference documents pulled from head office's reference database.
 */
export function travelsWithClinic(doc: DocLike): boolean {
  return !doc._id.startsWith('_design/') && !isReferenceDoc(doc);
}

/** Head office's consolidated copy of every clinic database (filled by CouchDB's `_replicator`). */
export const HEAD_OFFICE_DB = 'headoffice';

/** Which documents a replication carries: the clinic's own, or the shared reference documents. */
export type DocFilter = 'clinic' | 'reference';

export interface SyncPlan {
  push: { db: string; filter: DocFilter };
  /**
   * `bySelector`: the server applies the filter, as a Mango selector (`docFilterSelector`), instead
   * of sending every change's body to be filtered here by the JavaScript function.
   */
  pull: { db: string; filter: DocFilter; bySelector?: true };
  reference: { db: string; filter: DocFilter };
}

/**
 * Which database each of the three replications talks to. A clinic desk pushes and pulls its own
 * clinic's database and pulls the reference documents. Head office (the reserved code `HO`)
 * pulls every clinic from the consolidated database and pushes the reference documents it edits
 * (its own people under `HO` never leave the computer: they are neither clinic nor reference).
 */
export function syncPlan(code: string, headOfficeCode: string): SyncPlan {
  if (code === headOfficeCode) {
    return {
      push: { db: REFERENCE_DB, filter: 'reference' },
      // `headoffice` holds every clinic's documents: CouchDB 3 filters them on the server.
      pull: { db: HEAD_OFFICE_DB, filter: 'clinic', bySelector: true },
      reference: { db: REFERENCE_DB, filter: 'reference' },
    };
  }
  return {
    push: { db: clinicDbName(code), filter: 'clinic' },
    pull: { db: clinicDbName(code), filter: 'clinic' },
    reference: { db: REFERENCE_DB, filter: 'reference' },
  };
}

/**
 * A filter as a Mango selector for `_changes?filter=_selector`: the documents `travelsWithClinic`
 * (or `isReferenceDoc`) passes, less those of a newer schema than `known` (shared/fleet/rules.ts
 * `newerThanKnown`: a known type whose numeric `schemaVersion` is above the one known). Written as
 * one `$nor` (or an `$or` inside `$and` with one `$nor`) because PouchDB 9's selector normaliser
 * merges two `$not`s of an `$and` into one `$not` of both, which is a different selector; a
 * document without `clinic` matches `$nor` on CouchDB 3 and in PouchDB alike (a missing field
 * matches no condition). tests/unit/sync-selector.test.ts checks both against the functions.
 */
export function docFilterSelector(filter: DocFilter, known: Readonly<Record<string, number>>): Record<string, unknown> {
  const newer = Object.entries(known).map(([type, version]) => ({ type, schemaVersion: { $type: 'number', $gt: version } }));
  if (filter === 'clinic') return { $nor: [{ _id: { $regex: '^(_design/|calendar:)' } }, { clinic: ALL_CLINICS }, ...newer] };
  return { $and: [{ $or: [{ _id: { $regex: '^calendar:' } }, { clinic: ALL_CLINICS }] }, { $nor: newer }] };
}

/** Exponential back-off between attempts: 1 s, 2 s, 4 s … up to a minute. */
export function nextBackOff(previousMs: number, startMs = 1_000, maxMs = 60_000): number {
  return previousMs <= 0 ? startMs : Math.min(previousMs * 2, maxMs);
}

/**
 * Where one replication stands: not heard from yet, moving documents, caught up, failing but
 * retrying, or stopped for good (a person must act).
 */
export type DirectionState =
  | { kind: 'pending' }
  | { kind: 'active' }
  | { kind: 'paused' }
  | { kind: 'retrying'; error: SyncErrorKind }
  | { kind: 'stopped'; error: SyncErrorKind };

/**
 * The one state the shell shows, from the replications that make up sync (push, pull, reference):
 * the worst of them wins, and "caught up" counts only when every one is.
 *
 * A request that found no server is not yet "offline": a connection dropped while the server
 * restarts looks the same. Only when the engine's probe of the server root also finds silence
 * (`serverSilent`) does the desk show 离线; until then it is reconnecting (`connecting`).
 */
export function combineSyncState(directions: DirectionState[], deniedCount: number, serverSilent = true): SyncState {
  if (directions.length === 0) return 'off';
  if (directions.some((d) => d.kind === 'stopped')) return 'error';
  const retrying = directions.flatMap((d) => (d.kind === 'retrying' ? [d.error] : []));
  // A missing database or a refused login needs a person; a server that is away needs patience.
  if (retrying.some((e) => e !== 'unreachable' && e !== 'other')) return 'error';
  if (retrying.includes('other')) return 'offline';
  if (retrying.length) return serverSilent ? 'offline' : 'connecting';
  if (directions.some((d) => d.kind === 'active')) return 'syncing';
  if (directions.some((d) => d.kind === 'pending')) return 'connecting';
  return deniedCount > 0 ? 'denied' : 'idle';
}

/** The desk's words (zh-CN) for what went wrong; the renderer may show its own per kind. */
export function syncErrorMessage(kind: SyncErrorKind, detail: { docId?: string; reason?: string; db?: string } = {}): string {
  switch (kind) {
    case 'auth':
      return '用户名或密码错误';
    case 'forbidden':
      return detail.db === REFERENCE_DB ? '该账号无权读取总部参考数据' : '该账号无权访问本院数据库';
    case 'unreachable':
      return '无法连接总部服务器';
    case 'not_found':
      return `总部服务器上没有数据库${detail.db ? ` ${detail.db}` : ''}（请总部先运行设置命令）`;
    case 'refused_doc':
      return `总部拒收了记录 ${detail.docId ?? ''}：${detail.reason ?? ''}`;
    case 'diskFull':
      return '本机磁盘空间不足，从总部下载的记录存不下：请清理磁盘，同步会自动继续（已下载的不会丢失）';
    case 'insecure':
      return '总部地址是互联网上的明文 http，账号密码会随每次请求明文传输：请在设置中改用 https:// 地址';
    case 'other':
      return `同步出错：${detail.reason ?? '未知错误'}`;
  }
}

/** Fields compared between conflicting revisions; the update stamps are shown beside each one. */
const STAMP_FIELDS = new Set(['_id', '_rev', '_conflicts', '_revisions', 'updatedAt', 'updatedBy']);

/** Field names whose values differ between the winner and any loser, sorted. */
export function differingFields(winner: Record<string, unknown>, losers: Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const loser of losers) {
    for (const key of new Set([...Object.keys(winner), ...Object.keys(loser)])) {
      if (STAMP_FIELDS.has(key)) continue;
      if (stableJson(winner[key]) !== stableJson(loser[key])) names.add(key);
    }
  }
  return [...names].sort();
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'undefined';
}
