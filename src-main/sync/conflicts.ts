import { syncRefusals } from '../../shared/sync/refusals';
import { conflictArchiveDocs } from '../../shared/sync/docs';
import type { StaffDoc } from '../../shared/reference/schemas';
import type { SyncConflict } from '../../shared/sync/schemas';
import { differingFields } from '../../shared/sync/rules';
import type { Db } from '../store/pouch';
import { newMeta } from '../store/meta';
import { serialised } from '../store/serial';
import { getOrNull } from '../store/get';
import { CLINIC_TYPES } from './couch/validation';
import { historyFields } from '../../shared/staff/docSchemas';
import { planDerivedTaskFields } from '../../shared/followup/rules';

/**
 * Conflicts after sync. Documents are designed so that two desks rarely edit the same one (new
 * documents per visit, derived counts); when they do, CouchDB's deterministic winner is what
 * every replica shows, and the conflicted document waits here for a person. Resolving keeps one
 * revision whole and archives every other one as a `conflict-archive` document, so nothing is lost.
 */

type Body = Record<string, unknown> & { _id: string; _rev: string };

/** The conflicted documents, through the `sync/conflicts` view (kept up to date incrementally). */
export async function conflictedIds(db: Db): Promise<string[]> {
  const res = await db.query('sync/conflicts');
  return res.rows.map((r) => r.id);
}

/**
 * A conflict settled by rule, not put to a person: one follow-up task derived at two desks under
 * two versions of the plans, whose revisions differ only in what the plan gives (due days, caller,
 * channel, tries, retry hours). The task is the same (same id, source, customer, outcome); CouchDB's
 * deterministic winner is what every replica reads, so every desk and head office list, call and
 * count the same task with the same dates. The losing leaf stays, harmless, in the store.
 */
function settledByRule(found: { winner: Body; losers: Body[] }): boolean {
  return found.winner.type === 'followup-task' && found.losers.every((l) => l.type === 'followup-task') && differingFields(found.winner, found.losers).every((f) => planDerivedTaskFields.has(f));
}

/** Conflicts for a person: the view's, less those settled by rule (only follow-up tasks are looked at). */
export async function conflictCount(db: Db): Promise<number> {
  const res = await db.query('sync/conflicts');
  let n = 0;
  for (const r of res.rows) {
    if (!r.id.startsWith('followup-task:')) n += 1;
    else {
      const found = await leaves(db, r.id);
      if (found && !settledByRule(found)) n += 1;
    }
  }
  return n;
}

/**
 * A type head office's validation never lets a desk delete (written once, not a claim): its
 * conflict is resolved from head office (sync.resolveConflict in head-office mode).
 */
export function isWrittenOnce(type: unknown): boolean {
  const rule = typeof type === 'string' && Object.prototype.hasOwnProperty.call(CLINIC_TYPES, type) ? CLINIC_TYPES[type] : undefined;
  return Boolean(rule?.immutable && !rule.claim);
}


/** Every leaf revision of a conflicted document: the winner first. Null if it has no conflict. */
async function leaves(db: Db, id: string): Promise<{ winner: Body; losers: Body[] } | null> {
  const current = await getOrNull<Record<string, unknown>>(db, id, { conflicts: true });
  const conflicts = (current?._conflicts as string[] | undefined) ?? [];
  if (!current || conflicts.length === 0) return null;
  const found = (await db.get(id, { open_revs: conflicts } as PouchDB.Core.GetOpenRevisions)) as unknown as { ok?: Body }[];
  const losers = found.flatMap((r) => (r.ok ? [r.ok] : []));
  const { _conflicts: _omit, ...winner } = current;
  return { winner: winner as Body, losers };
}

/** A revision's fields as a person sees them: no PIN hash (only whether there is one). */
function fieldsOf(body: Body): Record<string, unknown> {
  const { _id: _i, _rev: _r, ...fields } = body;
  if ('pinHash' in fields) fields.pinHash = fields.pinHash ? '(set)' : null;
  return fields;
}

function revision(body: Body) {
  return {
    rev: body._rev,
    updatedAt: typeof body.updatedAt === 'string' ? body.updatedAt : null,
    updatedBy: typeof body.updatedBy === 'string' ? body.updatedBy : null,
    fields: fieldsOf(body),
  };
}

export async function listConflicts(db: Db): Promise<SyncConflict[]> {
  const out: SyncConflict[] = [];
  for (const id of await conflictedIds(db)) {
    const found = await leaves(db, id);
    if (!found) continue; // resolved since the view was read
    if (settledByRule(found)) continue;
    out.push({
      id,
      type: typeof found.winner.type === 'string' ? found.winner.type : null,
      winner: revision(found.winner),
      losers: found.losers.map(revision),
      differingFields: differingFields(found.winner, found.losers),
      writtenOnce: isWrittenOnce(found.winner.type),
    });
  }
  return out;
}

/**
 * Keeps `keepRev` and removes every other leaf revision, in one batch of writes:
 *
 * 1. each revision not kept (the winner too, if a loser is kept) becomes a `conflict-archive`
 *    document `conflict-archive:<id>:<rev>` with its whole body and who resolved it when;
 * 2. each of those revisions is then deleted with a stub that names who resolved it and the
 *    archive (`conflictResolvedBy`, `conflictArchiveId`), which head office's validation asks for.
 *
 * When a loser is kept, deleting the other leaves is enough to make it the winner (CouchDB picks
 * among the leaves that are not deleted), so the kept revision stays exactly as it was, with its
 * own update stamps, and no new content revision is written. The archive ids are the same on every
 * desk, so two people resolving the same conflict at once archive into the same documents.
 */
export async function resolveConflict(db: Db, input: { id: string; keepRev: string }, by: StaffDoc, at: Date, clinic: string): Promise<void> {
  await serialised(db, async () => {
    const found = await leaves(db, input.id);
    if (!found) throw syncRefusals.refuse('not_found', 'id', 'noConflict', {}, 'id: no conflict on this record (resolved already?)');
    const all = [found.winner, ...found.losers];
    if (!all.some((b) => b._rev === input.keepRev)) {
      throw syncRefusals.refuse('not_found', 'keepRev', 'notConflictingRev', {}, 'keepRev: not one of the conflicting revisions');
    }
    const iso = at.toISOString();
    const archives: Record<string, unknown>[] = [];
    const stubs: Record<string, unknown>[] = [];
    for (const body of all) {
      if (body._rev === input.keepRev) continue;
      const archiveId = conflictArchiveDocs.id(input.id, body._rev);
      const { _id: _i, _rev: _r, ...content } = body;
      archives.push({
        ...newMeta('conflict-archive', archiveId, clinic, by._id, at),
        docId: input.id,
        docType: typeof body.type === 'string' ? body.type : null,
        rev: body._rev,
        wasWinner: body === found.winner,
        keptRev: input.keepRev,
        body: content,
      });
      // The stub keeps the immutable stamps, so a validation that checks them still passes.
      stubs.push({
        _id: input.id,
        _rev: body._rev,
        _deleted: true,
        ...pick(body, ['type', 'schemaVersion', 'clinic', 'createdAt', 'createdBy']),
        updatedAt: iso,
        updatedBy: by._id,
        conflictResolvedBy: by._id,
        conflictArchiveId: archiveId,
      });
    }
    // One LevelDB batch: the archives and the deletions are on disk together or not at all.
    const results = await db.bulkDocs([...archives, ...stubs] as PouchDB.Core.PutDocument<object>[]);
    for (const [i, result] of results.entries()) {
      if (!('error' in result) || !result.error) continue;
      const isArchive = i < archives.length;
      // An archive that exists already was written by whoever resolved this revision first.
      if (isArchive && result.status === 409) continue;
      throw syncRefusals.refuse('conflict', 'id', 'changedWhileResolving', {}, `id: the record changed while resolving (${result.id} ${result.message ?? result.name}); look again`);
    }
    // A corrected record keeps the history of every revision (two desks' edits offline).
    const kept = all.find((b) => b._rev === input.keepRev)!;
    const merged = mergedHistory(kept, all.filter((b) => b !== kept));
    if (merged) await db.put({ ...merged, _rev: input.keepRev, updatedAt: iso, updatedBy: by._id });
  });
}

type Entry = Record<string, unknown> & { at?: unknown };
const entryKey = (e: Entry) => {
  const { notKept: _n, ...rest } = e;
  return JSON.stringify(rest);
};

/**
 * The kept revision with the history entries (`edits`, `rechecks`: see `historyFields`) of the
 * others added, oldest first; null when nothing is added (the kept revision stays exactly as it was).
 */
export function mergedHistory(kept: Body, others: Body[]): Body | null {
  const fields = typeof kept.type === 'string' ? historyFields[kept.type] : undefined;
  if (!fields) return null;
  const next: Body = { ...kept };
  let added = false;
  for (const field of Object.keys(fields) as ('edits' | 'rechecks')[]) {
    const own = Array.isArray(kept[field]) ? (kept[field] as Entry[]) : [];
    const seen = new Set(own.map(entryKey));
    const extra: Entry[] = [];
    for (const body of others) {
      for (const e of Array.isArray(body[field]) ? (body[field] as Entry[]) : []) {
        const key = entryKey(e);
        if (seen.has(key)) continue;
        seen.add(key);
        extra.push(field === 'edits' ? { ...e, notKept: true } : e);
      }
    }
    if (!extra.length) continue;
    added = true;
    next[field] = [...own, ...extra].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  }
  return added ? next : null;
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in body).map((k) => [k, body[k]]));
}
