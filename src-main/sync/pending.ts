import { isReferenceDoc, travelsWithClinic, type DocFilter } from '../../shared/sync/rules';
import type { Db } from '../store/pouch';

/**
 * The 待上传 count (`pendingUp`): local documents whose latest change is after the push's last
 * checkpoint and that are meant for head office (the push's filter).
 *
 * Kept, not recounted: the counter remembers which documents wait (id → the sequence of its latest
 * change, in sequence order) and the sequence it is complete to, and each ask reads only the
 * changes since then. A checkpoint that moves on drops the ids at or before it (no read); a
 * document changed again moves to its new sequence, or leaves if it no longer travels; a filter or
 * a checkpoint that goes back (another server) starts over. The first ask after the app starts
 * counts from the checkpoint on disk, so the figure is exact after a restart too.
 *
 * PouchDB's local sequences are numbers; any other checkpoint is counted in full every time.
 */
export class PendingCounter {
  private waiting = new Map<string, number>();
  /** The changes feed is read up to here; null: nothing kept yet. */
  private upTo: number | null = null;
  private filter: DocFilter | null = null;
  private pushed: number | null = null;
  /** One read at a time: asks that come together wait for the one under way and read the rest. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Changes read by all asks so far (tests: an ask must not reread what it knows). */
  readCount = 0;

  constructor(private readonly db: Db) {}

  count(since: number | string, filter: DocFilter): Promise<number> {
    const next = this.queue.then(() => this.update(since, filter));
    this.queue = next.catch(() => {});
    return next;
  }

  private async update(since: number | string, filter: DocFilter): Promise<number> {
    if (typeof since !== 'number') {
      this.upTo = null;
      return this.read(since, filter, new Map()).then((m) => m.size);
    }
    if (this.upTo === null || filter !== this.filter || this.pushed === null || since < this.pushed) {
      this.waiting = new Map();
      this.upTo = since;
      this.filter = filter;
    }
    this.pushed = since;
    // The checkpoint moved on: what it covers no longer waits (ids are kept in sequence order).
    for (const [id, seq] of this.waiting) {
      if (seq > since) break;
      this.waiting.delete(id);
    }
    const from = Math.max(this.upTo, since);
    const result = await this.read(from, filter, this.waiting).catch(() => null);
    if (!result) {
      this.upTo = null;
      return 0;
    }
    return this.waiting.size;
  }

  /** Reads the changes after `since` into `into` (streamed, not collected); keeps `upTo`. */
  private read(since: number | string, filter: DocFilter, into: Map<string, number>): Promise<Map<string, number>> {
    const travels = filter === 'clinic' ? travelsWithClinic : isReferenceDoc;
    const feed = this.db.changes({ since, include_docs: true, return_docs: false });
    let last = typeof since === 'number' ? since : 0;
    feed.on('change', (c) => {
      this.readCount += 1;
      into.delete(c.id);
      const seq = typeof c.seq === 'number' ? c.seq : Number(c.seq);
      if (travels((c.doc ?? { _id: c.id }) as { _id: string })) into.set(c.id, seq);
      if (seq > last) last = seq;
    });
    return feed.then(() => {
      if (typeof since === 'number' && this.upTo !== null) this.upTo = Math.max(this.upTo, last);
      return into;
    });
  }
}
