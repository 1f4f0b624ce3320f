import type { DeniedDoc, PullProgress, SyncError, SyncStatus } from '../../shared/sync/schemas';
import {
  combineSyncState,
  docFilterSelector,
  isReferenceDoc,
  nextBackOff,
  syncErrorMessage,
  syncPlan,
  travelsWithClinic,
  type DocFilter,
  type SyncPlan,
  type DirectionState,
  type SyncErrorKind,
} from '../../shared/sync/rules';
import type { Db } from '../store/pouch';
import { deskClinicCode } from '../reference/repo';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { conflictCount } from './conflicts';
import { classifyError, diagnoseLogin, errorReason, openRemote, probeServer, syncFetch, type Fetch, type HttpCounter } from './remote';
import type { SecretStore, SyncCredentials } from './secrets';
import { addressRefused, APP_POLICY_ID, belowMinimum, clockIsWrong, clockOffsetMs, newerThanKnown } from '../../shared/fleet/rules';
import { KNOWN_DOC_VERSIONS, knownVersionsTag } from '../fleet/known';
import { APP_VERSION } from '../fleet/version';
import { localWriter, readDenied, readMemory, SYNC_DENIED_ID, SYNC_STATE_ID, type SyncMemory } from './state';
import { getOrNull } from '../store/get';
import { PendingCounter } from './pending';

/**
 * The sync engine: owned by the main process, it keeps the desk's PouchDB in live replication with
 * its clinic's database at head office (push and pull) and pulls the shared reference documents,
 * whenever the network allows. The desk works the same without it.
 *
 * Three PouchDB replications make up one session (`Run`): push, pull and reference. Each reports
 * `active` / `paused` / `denied` / `error`; the shell's one state is combined from them by
 * `combineSyncState` (shared/sync/rules.ts). PouchDB retries what fails with our back-off and
 * resumes from its checkpoints, so nothing already sent is sent again. A refused login or a
 * database the account may not open stops the session until a person configures or retries.
 */
export interface SyncTuning {
  /** First wait after a failure; doubles up to `backOffMaxMs`. */
  backOffStartMs?: number;
  backOffMaxMs?: number;
  /** Give up on an HTTP request (other than the long poll) after this long. */
  requestTimeoutMs?: number;
  /**
   * Documents per replication batch (PouchDB's default is 100). Each batch costs a few round trips
   * (revs_diff, the documents, the write, a checkpoint on both sides) whatever its size, so 500
   * moves the same documents in a fifth of the requests (`npm run bench`).
   */
  batchSize?: number;
  /**
   * Batches PouchDB reads ahead of the one being written (its default is 10). With the documents'
   * bodies in memory for the filter, this and `batchSize` bound what a big sync holds at once.
   */
  batchesLimit?: number;
  /**
   * While a replication finds no server, the server root is asked this often (a cheap `GET /`);
   * the moment it answers, a new session starts, instead of waiting out PouchDB's back-off.
   */
  probeIntervalMs?: number;
}

export interface SyncEngineOptions {
  db: Db;
  secrets: SecretStore | null;
  now: () => Date;
  /** Called when anything `status()` shows has changed (the app announces a `sync` change). */
  onStatusChange: () => void;
  log: (message: string, err: unknown) => void;
  tuning?: SyncTuning;
}

type Direction = 'push' | 'pull' | 'reference';

/** The PouchDB replication object, with the events this engine listens to. */
interface Replication {
  on(event: string, listener: (arg: never) => void): Replication;
  cancel(): void;
  then: Promise<unknown>['then'];
}

interface Run {
  credentials: SyncCredentials;
  clinic: string;
  plan: SyncPlan;
  /** Where this desk pushes (its clinic's database; `reference` for head office). */
  remote: Db;
  directions: Record<Direction, DirectionState>;
  replications: Replication[];
  /** The pull until it first catches up in this session: what the join screen and the badge show. */
  pull: { done: number; total: number | null; startedAt: number; caughtUp: boolean };
  /** Each replication's end, with the direction it serves (none: a one-off offer of refused documents). */
  done: { direction: Direction | null; settled: Promise<unknown> }[];
}

/** The probe of the server root while a replication finds no server (one per session). */
interface Probe {
  run: Run;
  timer: NodeJS.Timeout | null;
  /** The wait before the next probe: the interval, doubled while the server refuses (401/403). */
  delay: number;
}

/** Filters with a fixed `toString`: PouchDB hashes the filter's source into the replication id,
 * and a rebuilt or minified app must find the same checkpoints. */
function namedFilter(name: string, fn: (doc: { _id: string; clinic?: unknown }) => boolean) {
  return Object.assign(fn, { toString: () => name });
}
const clinicFilter = namedFilter('daoyi:clinic-docs:v1', travelsWithClinic);
const referenceFilter = namedFilter('daoyi:reference-docs:v1', isReferenceDoc);
const filters: Record<DocFilter, typeof clinicFilter> = { clinic: clinicFilter, reference: referenceFilter };
/**
 * What the desk pulls: the same, less documents of a newer schema than this app knows
 * (shared/fleet/rules.ts `newerThanKnown`). The name carries the versions known, so an updated app
 * starts a new checkpoint and pulls what the older one passed over.
 */
const pullFilters: Record<DocFilter, typeof clinicFilter> = {
  clinic: namedFilter(`daoyi:clinic-docs:v1:known-${knownVersionsTag}`, (doc) => travelsWithClinic(doc) && !newerThanKnown(doc as { type?: unknown }, KNOWN_DOC_VERSIONS)),
  reference: namedFilter(`daoyi:reference-docs:v1:known-${knownVersionsTag}`, (doc) => isReferenceDoc(doc) && !newerThanKnown(doc as { type?: unknown }, KNOWN_DOC_VERSIONS)),
};

/**
 * What a pull asks for: the function filter, or the server-side selector of the same filter. A
 * selector changes PouchDB's replication id (it hashes the selector as it hashes the filter's
 * name), so a desk that switched starts a checkpoint of its own and walks the changes once more;
 * revs_diff then finds every document present and fetches none.
 */
function pullBy(pull: SyncPlan['pull'] | SyncPlan['reference']): { filter: typeof clinicFilter } | { selector: Record<string, unknown> } {
  return 'bySelector' in pull && pull.bySelector ? { selector: docFilterSelector(pull.filter, KNOWN_DOC_VERSIONS) } : { filter: pullFilters[pull.filter] };
}

/** At most one progress announcement a second while a big batch moves (state changes go at once). */
const PROGRESS_INTERVAL_MS = 1_000;

export class SyncEngine {
  private readonly db: Db;
  private readonly secrets: SecretStore | null;
  private readonly now: () => Date;
  private readonly notify: () => void;
  private readonly log: SyncEngineOptions['log'];
  private readonly tuning: Required<SyncTuning>;
  private readonly http: HttpCounter = { requests: 0 };
  private readonly fetch: Fetch;
  /** The 待上传 count, kept between asks. */
  readonly pending: PendingCounter;

  private credentials: SyncCredentials | null = null;
  private run: Run | null = null;
  /** Set when a person must act (wrong password, no access): no session runs until they do. */
  private stoppedBy: SyncErrorKind | null = null;
  private lastError: SyncError | null = null;
  private memory: SyncMemory = { server: null, pushedSeq: 0, lastSyncedAt: null };
  private denied: DeniedDoc[] = [];
  /** Refused documents offered again by themselves after head office took a deletion of theirs (`refused`): once per id and revisions. */
  private reoffered = new Set<string>();
  private readonly memoryWriter;
  private readonly deniedWriter;
  private progressTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** A session is being set up (between stopping the old one and starting the new one). */
  private starting = false;
  /** Serialises start/stop so a configure during a restart cannot leave two sessions running. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly background = new Set<Promise<unknown>>();
  private probe: Probe | null = null;
  /** The probe found no server: only then does the desk show 离线. */
  private silent = false;
  /** Sessions the probe started since the desk was last caught up (their waits grow). */
  private probeRestarts = 0;
  /** Head office's clock against the desk's, from the last answer's `Date` header. */
  private clock: { offsetMs: number; checkedAt: string } | null = null;

  /** Documents written by this engine since the app started, per direction (bench, tests). */
  readonly written = { push: 0, pull: 0, reference: 0 };
  /** The states announced, in order, each once when it begins (the last 100; tests, bench). */
  readonly states: SyncStatus['state'][] = [];

  constructor(options: SyncEngineOptions) {
    this.db = options.db;
    this.secrets = options.secrets;
    this.now = options.now;
    this.notify = () => {
      const state = this.state();
      if (this.states.at(-1) !== state) {
        this.states.push(state);
        if (this.states.length > 100) this.states.shift();
      }
      options.onStatusChange();
    };
    this.log = options.log;
    this.tuning = { backOffStartMs: 1_000, backOffMaxMs: 60_000, requestTimeoutMs: 60_000, batchSize: 500, batchesLimit: 2, probeIntervalMs: 2_000, ...options.tuning };
    this.fetch = syncFetch(this.http, this.tuning.requestTimeoutMs, (date) => this.sawDate(date));
    this.pending = new PendingCounter(this.db);
    this.memoryWriter = localWriter<SyncMemory>(this.db, SYNC_STATE_ID);
    this.deniedWriter = localWriter<{ docs: DeniedDoc[] }>(this.db, SYNC_DENIED_ID);
  }

  /** HTTP requests made so far: a stopped engine must not be making more. */
  get requests(): number {
    return this.http.requests;
  }

  /** Reads what was remembered and, if the desk has credentials and a clinic, starts syncing. */
  start(): Promise<void> {
    return this.serially(async () => {
      this.memory = await readMemory(this.db);
      this.denied = await readDenied(this.db);
      this.credentials = (await this.secrets?.read()) ?? null;
      await this.connect(false);
    });
  }

  /** New credentials: stored, then a fresh session; `status()` shows how it went. */
  configure(credentials: SyncCredentials): Promise<void> {
    return this.serially(async () => {
      if (!this.secrets) throw new Error('this desk has no credential store');
      await this.stopRun();
      await this.secrets.write(credentials);
      this.credentials = { ...credentials };
      this.stoppedBy = null;
      this.lastError = null;
      await this.connect(true);
    });
  }

  /** Stops syncing and forgets the credentials. The desk's data stays. */
  disconnect(): Promise<void> {
    return this.serially(async () => {
      await this.stopRun();
      await this.secrets?.clear();
      this.credentials = null;
      this.stoppedBy = null;
      this.lastError = null;
      this.notify();
    });
  }

  /** A person asks to try again now: also offers refused documents to head office once more. */
  retry(): Promise<void> {
    return this.serially(async () => {
      await this.stopRun();
      this.stoppedBy = null;
      this.lastError = null;
      await this.connect(true);
    });
  }

  /**
   * Start over without waiting for the back-off: after the computer wakes up or the network comes
   * back. Does nothing when a person must act first, or when sync is off.
   */
  restart(): Promise<void> {
    return this.serially(async () => {
      if (this.stoppedBy || !this.credentials || this.closed) return;
      await this.stopRun();
      await this.connect(false);
    });
  }

  /**
   * One database on the server with the stored credentials, for what head office edits online
   * (a clinic's settings, in head-office mode); null while sync is not configured.
   */
  remote(db: string): Db | null {
    return this.credentials ? openRemote(this.credentials, db, this.fetch) : null;
  }

  /** True while credentials are stored: local writes then change what waits to go up. */
  get configured(): boolean {
    return this.credentials !== null;
  }

  async status(): Promise<SyncStatus> {
    // One moment's figures: the state and the pushed sequence pendingUp counts from go together.
    const snapshot = {
      state: this.state(),
      server: this.credentials?.url ?? null,
      username: this.credentials?.username ?? null,
      lastSyncedAt: this.memory.lastSyncedAt,
      lastError: this.lastError,
      deniedDocs: [...this.denied],
    };
    const pushedSeq = this.memory.pushedSeq;
    const clinic = this.run?.clinic ?? (snapshot.server ? await deskClinicCode(this.db) : null);
    const plan = clinic ? syncPlan(clinic, HEAD_OFFICE_CODE) : null;
    const pull = this.pullProgress();
    const [pendingUp, conflicts] = await Promise.all([this.pendingUp(pushedSeq, plan?.push.filter ?? 'clinic'), conflictCount(this.db).catch(() => 0)]);
    const policy = await getOrNull<{ minAppVersion?: unknown }>(this.db, APP_POLICY_ID);
    const minimum = typeof policy?.minAppVersion === 'string' ? policy.minAppVersion : null;
    return {
      ...snapshot,
      clinicDb: snapshot.server && plan ? plan.pull.db : null,
      pendingUp,
      conflicts,
      pull,
      clock: this.clock ? { ...this.clock } : null,
      appVersion: { current: APP_VERSION, minimum, below: belowMinimum(APP_VERSION, minimum) },
    };
  }

  async close(): Promise<void> {
    await this.serially(async () => {
      this.closed = true;
      await this.stopRun();
    });
    this.stopProbe();
    await Promise.allSettled([...this.background]);
    if (this.progressTimer) clearTimeout(this.progressTimer);
    await this.memoryWriter.flushed();
    await this.deniedWriter.flushed();
  }

  /** The offset from head office's clock, once the desk has heard from it. */
  get clockOffsetMs(): number | null {
    return this.clock?.offsetMs ?? null;
  }

  /** Each answer's `Date`: the status moves (and the desk warns) when the clock turns wrong or right. */
  private sawDate(date: string | null) {
    const now = this.now();
    const offsetMs = clockOffsetMs(date, now.getTime());
    if (offsetMs === null) return;
    const wasWrong = clockIsWrong(this.clock?.offsetMs);
    this.clock = { offsetMs, checkedAt: now.toISOString() };
    if (clockIsWrong(offsetMs) !== wasWrong) {
      this.log(clockIsWrong(offsetMs) ? 'sync: the clock is wrong' : 'sync: the clock is right again', new Error(`offset ${Math.round(offsetMs / 1000)} s`));
      this.notify();
    }
  }

  // ---- the session -------------------------------------------------------------------------

  private state(): SyncStatus['state'] {
    if (this.stoppedBy) return 'error';
    if (!this.credentials) return 'off';
    // No session and none on its way: the desk does not know its clinic yet, or is closing.
    if (!this.run) return this.starting ? 'connecting' : 'off';
    return combineSyncState(Object.values(this.run.directions), this.denied.length, this.silent);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.starting = true;
      try {
        return await task();
      } finally {
        this.starting = false;
      }
    });
    this.queue = next.catch(() => {});
    return next;
  }

  private async connect(offerDenied: boolean): Promise<void> {
    const credentials = this.credentials;
    const clinic = await deskClinicCode(this.db);
    if (this.closed || !credentials || !clinic) {
      this.notify();
      return;
    }
    // Credentials stored before the https rule (docs/operations.md) do not travel in clear either:
    // nothing is sent until a person reconnects with an https:// address.
    if (addressRefused(credentials.url)) {
      this.stoppedBy = 'insecure';
      this.setError('insecure', {});
      this.notify();
      return;
    }
    if (this.memory.server !== credentials.url) {
      // Another server: what was pushed and when are not about this one.
      this.memory = { server: credentials.url, pushedSeq: 0, lastSyncedAt: null };
      this.memoryWriter.save(this.memory);
    }
    const plan = syncPlan(clinic, HEAD_OFFICE_CODE);
    const remote = openRemote(credentials, plan.push.db, this.fetch);
    const pullFrom = plan.pull.db === plan.push.db ? remote : openRemote(credentials, plan.pull.db, this.fetch);
    const reference = openRemote(credentials, plan.reference.db, this.fetch);
    const run: Run = {
      credentials,
      clinic,
      plan,
      remote,
      directions: { push: { kind: 'pending' }, pull: { kind: 'pending' }, reference: { kind: 'pending' } },
      replications: [],
      done: [],
      pull: { done: 0, total: null, startedAt: performance.now(), caughtUp: false },
    };
    this.run = run;
    this.track(this.estimatePull(run, pullFrom));
    const options = {
      live: true,
      retry: true,
      batch_size: this.tuning.batchSize,
      batches_limit: this.tuning.batchesLimit,
      back_off_function: (previous: number) => nextBackOff(previous, this.tuning.backOffStartMs, this.tuning.backOffMaxMs),
    };
    if (offerDenied && this.denied.length) this.offerDenied(run);
    this.watch(run, 'push', this.db.replicate.to(remote, { ...options, filter: filters[plan.push.filter] }) as unknown as Replication);
    this.watch(run, 'pull', this.db.replicate.from(pullFrom, { ...options, ...pullBy(plan.pull) }) as unknown as Replication);
    this.watch(run, 'reference', this.db.replicate.from(reference, { ...options, ...pullBy(plan.reference) }) as unknown as Replication);
    this.notify();
  }

  private async stopRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = null;
    this.stopProbe();
    this.silent = false;
    for (const r of run.replications) r.cancel();
    // A cancelled replication finishes its checkpoint write first; wait for it, but not forever.
    // One waiting out its back-off writes nothing, and ends only when the wait is over: not waited for.
    const writing = run.done.filter((d) => !d.direction || run.directions[d.direction].kind !== 'retrying').map((d) => d.settled);
    await Promise.race([Promise.allSettled(writing), new Promise((r) => setTimeout(r, 5_000).unref())]);
  }

  private watch(run: Run, direction: Direction, replication: Replication) {
    run.replications.push(replication);
    run.done.push({ direction, settled: Promise.resolve(replication).catch(() => {}) });
    const current = () => this.run === run;
    const set = (state: DirectionState) => {
      if (!current()) return;
      const before = this.state();
      run.directions[direction] = state;
      // Every replication is through again by itself: no probe needed.
      if (!Object.values(run.directions).some((d) => d.kind === 'retrying')) {
        this.stopProbe();
        this.silent = false;
      }
      const after = this.state();
      if (after === 'idle' || after === 'denied') this.caughtUp(after !== before);
      else if (after !== before) this.notify();
    };

    replication.on('active', () => set({ kind: 'active' }));
    replication.on('paused', (err: unknown) => {
      if (!err) {
        if (direction === 'pull' && current()) run.pull.caughtUp = true;
        return set({ kind: 'paused' });
      }
      if (!current()) return;
      const kind = classifyError(err);
      this.setError(kind, { db: run.plan[direction].db, reason: errorReason(err) });
      set({ kind: 'retrying', error: kind });
      if (kind === 'unreachable') this.startProbe(run);
    });
    replication.on('change', (info: { docs?: { _id: string }[]; pending?: unknown }) => {
      if (!current()) return;
      const docs = info.docs ?? [];
      this.written[direction] += docs.length;
      if (direction === 'pull') {
        run.pull.done += docs.length;
        // CouchDB says how many changes are left; otherwise the estimate from the start stands.
        if (typeof info.pending === 'number') run.pull.total = run.pull.done + info.pending;
        else if (run.pull.total !== null) run.pull.total = Math.max(run.pull.total, run.pull.done);
      }
      if (direction === 'push') this.accepted(docs.map((d) => d._id));
      this.progress();
    });
    replication.on('checkpoint', (info: { checkpoint?: number | string }) => {
      if (!current() || direction !== 'push' || info.checkpoint === undefined) return;
      this.memory = { ...this.memory, pushedSeq: info.checkpoint };
      this.memoryWriter.save(this.memory);
      this.progress();
    });
    replication.on('denied', (err: unknown) => {
      if (!current() || direction !== 'push') return;
      this.track(this.refused(err, run));
    });
    replication.on('error', (err: unknown) => {
      if (!current()) return;
      this.track(this.fatal(run, direction, err));
    });
  }

  /** Every replication is caught up: remember when, and forget errors that have passed. */
  private caughtUp(changed: boolean) {
    this.probeRestarts = 0;
    this.memory = { ...this.memory, lastSyncedAt: this.now().toISOString() };
    this.memoryWriter.save(this.memory);
    if (this.lastError && this.lastError.kind !== 'refused_doc') this.lastError = null;
    if (this.lastError?.kind === 'refused_doc' && this.denied.length === 0) this.lastError = null;
    if (changed) this.notify();
    else this.progress();
  }

  /** A login refused or a database closed to this account: stop until a person acts. */
  private async fatal(run: Run, direction: Direction, err: unknown) {
    let kind = classifyError(err);
    if (kind === 'auth') {
      const diagnosis = await diagnoseLogin(run.credentials, this.fetch);
      kind = diagnosis === 'unreachable' ? 'auth' : diagnosis;
    }
    if (this.run !== run) return;
    await this.serially(async () => {
      if (this.run !== run) return;
      await this.stopRun();
      this.stoppedBy = kind;
      this.setError(kind, { db: run.plan[direction].db, reason: errorReason(err) });
      this.notify();
    });
  }

  private setError(kind: SyncErrorKind, detail: { db?: string; reason?: string; docId?: string }) {
    const error: SyncError = { kind, message: syncErrorMessage(kind, detail), at: this.now().toISOString() };
    if (detail.docId !== undefined) error.docId = detail.docId;
    const same = this.lastError && this.lastError.kind === error.kind && this.lastError.message === error.message;
    this.lastError = error;
    if (!same) this.notify();
  }

  // ---- the probe while no server answers ------------------------------------------------

  /** A replication found no server: ask the server root now, then every `probeIntervalMs`. */
  private startProbe(run: Run) {
    if (this.probe?.run === run || this.closed) return;
    this.stopProbe();
    const probe: Probe = { run, timer: null, delay: this.tuning.probeIntervalMs };
    this.probe = probe;
    this.track(this.probeOnce(probe));
  }

  private stopProbe() {
    if (this.probe?.timer) clearTimeout(this.probe.timer);
    this.probe = null;
  }

  private async probeOnce(probe: Probe): Promise<void> {
    probe.timer = null;
    if (this.probe !== probe) return;
    const timeoutMs = Math.min(this.tuning.requestTimeoutMs, Math.max(5_000, this.tuning.probeIntervalMs));
    const answer = await probeServer(probe.run.credentials, this.fetch, timeoutMs);
    if (this.probe !== probe || this.run !== probe.run || this.closed) return;
    if (answer === 'answering') {
      // Head office is back: a new session at once (PouchDB's own retry may be a minute away).
      // A session the probe started that did not catch up makes the next one wait longer.
      this.stopProbe();
      const waitMs = this.probeRestarts === 0 ? 0 : Math.min(this.tuning.probeIntervalMs * 2 ** (this.probeRestarts - 1), this.tuning.backOffMaxMs);
      this.probeRestarts += 1;
      const run = probe.run;
      const again = () =>
        this.serially(async () => {
          if (this.run !== run || this.stoppedBy || this.closed) return;
          await this.stopRun();
          await this.connect(false);
        });
      if (waitMs === 0) this.track(again());
      else {
        const next: Probe = { run, timer: null, delay: this.tuning.probeIntervalMs };
        this.probe = next;
        next.timer = setTimeout(() => {
          if (this.probe === next) this.track(again());
        }, waitMs);
        next.timer.unref();
      }
      return;
    }
    if (answer === 'silent') {
      probe.delay = this.tuning.probeIntervalMs;
      if (!this.silent) {
        const before = this.state();
        this.silent = true;
        if (this.state() !== before) this.notify();
      }
    } else {
      // Refused (401/403): only repeated refusals make the probe wait longer.
      probe.delay = nextBackOff(probe.delay, this.tuning.probeIntervalMs, this.tuning.backOffMaxMs);
    }
    probe.timer = setTimeout(() => this.track(this.probeOnce(probe)), probe.delay);
    probe.timer.unref();
  }

  // ---- refused documents -------------------------------------------------------------------

  /** Head office's validation refused a document: it stays on the desk, listed, and sync goes on. */
  private async refused(err: unknown, run: Run) {
    const remote = run.remote;
    const e = (err ?? {}) as { id?: unknown };
    const id = typeof e.id === 'string' ? e.id : '(unknown)';
    const reason = errorReason(err);
    // Listed at once (the state turns `denied` before the batch's checkpoint), its type looked up after.
    const entry: DeniedDoc = { id, type: null, reason, at: this.now().toISOString() };
    this.denied = [...this.denied.filter((d) => d.id !== id), entry];
    this.setError('refused_doc', { docId: id, reason });
    const doc = await getOrNull<{ type?: unknown }>(this.db, id);
    if (typeof doc?.type === 'string') entry.type = doc.type;
    // A 重试's one-off offer and the live push can carry one revision at the same time: the one that
    // loses the race is refused ("written once") although head office now holds that very revision.
    // That is no refusal: the document is there.
    if (doc && (await holdsEveryLeaf(this.db, remote, id))) {
      this.accepted([id]);
      return;
    }
    // A duplicate resolved at this desk (a complaint number kept on one case): the other claim's
    // branch deleted, the kept one live. Both travel in one batch, and head office judges every
    // revision of a batch against the document as it was before it (pouchdb-validation validates a
    // whole bulk_docs first): the kept claim is refused against the very claim deleted beside it.
    // Head office holds the deletion now, so the kept revision is offered once more, alone, and is
    // judged against the deletion. Without this it waited for a person's 重试, and a 重试 pressed
    // before the live push had carried the deletion was refused the same way (issue 18).
    const missing = doc ? await deletionTaken(this.db, remote, id) : null;
    if (missing && this.run === run && !this.reoffered.has(`${id}@${missing.join(',')}`)) {
      this.reoffered.add(`${id}@${missing.join(',')}`);
      this.offer(run, [id]);
    }
    this.deniedWriter.save({ docs: this.denied });
    this.notify();
  }

  /** Documents head office took: no longer refused, if they were. */
  private accepted(ids: string[]) {
    if (!this.denied.length) return;
    const taken = new Set(ids);
    const left = this.denied.filter((d) => !taken.has(d.id));
    if (left.length === this.denied.length) return;
    this.denied = left;
    this.deniedWriter.save({ docs: this.denied });
    if (!left.length && this.lastError?.kind === 'refused_doc') this.lastError = null;
    this.notify();
  }

  /**
   * The live push has moved past the refused documents (its checkpoint is beyond them), so a retry
   * sends exactly those once more, in a one-off replication by id: the ones head office now
   * takes leave the list, the others stay with the new reason.
   */
  private offerDenied(run: Run) {
    this.offer(run, this.denied.map((d) => d.id));
  }

  /** A one-off replication of these documents: the ones head office takes leave the refused list. */
  private offer(run: Run, ids: string[]) {
    const once = this.db.replicate.to(run.remote, { doc_ids: ids, checkpoint: false }) as unknown as Replication;
    run.replications.push(once);
    once.on('change', (info: { docs?: { _id: string }[] }) => {
      if (this.run === run) this.accepted((info.docs ?? []).map((d) => d._id));
    });
    once.on('denied', (err: unknown) => {
      if (this.run === run) this.track(this.refused(err, run));
    });
    this.track(Promise.resolve(once).catch(() => {}));
  }

  // ---- figures -------------------------------------------------------------------------------

  /** Local changes after the last pushed checkpoint that are meant for head office (./pending.ts). */
  private pendingUp(since: number | string, filter: DocFilter): Promise<number> {
    return this.pending.count(since, filter);
  }

  /**
   * What the first pull of a session has left: head office's document count less the desk's, a
   * first estimate that CouchDB's `pending` (given with each batch) then replaces.
   */
  private async estimatePull(run: Run, from: Db): Promise<void> {
    const [there, here] = await Promise.all([from.info(), this.db.info()]);
    // A refused login can answer info() with an error body (no doc_count): no estimate then.
    if (this.run !== run || run.pull.total !== null || !Number.isInteger(there.doc_count) || !Number.isInteger(here.doc_count) || there.doc_count <= 0) return;
    run.pull.total = Math.max(run.pull.done, there.doc_count - here.doc_count);
    this.progress();
  }

  /** The pull under way until it first catches up (null once it has, or with no session). */
  private pullProgress(): PullProgress | null {
    const pull = this.run?.pull;
    if (!pull || pull.caughtUp) return null;
    const elapsed = performance.now() - pull.startedAt;
    const left = pull.total === null ? null : Math.max(0, pull.total - pull.done);
    return {
      done: pull.done,
      total: pull.total === null ? null : Math.max(pull.total, pull.done),
      secondsLeft: left === null || pull.done === 0 ? null : Math.ceil((left * elapsed) / pull.done / 1000),
    };
  }

  /** Announces progress (pendingUp, conflicts) at most once a second. */
  private progress() {
    if (this.progressTimer || this.closed) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      this.notify();
    }, PROGRESS_INTERVAL_MS);
    this.progressTimer.unref();
  }

  private track(promise: Promise<unknown>) {
    const p = promise.catch((err: unknown) => this.log('sync: handling a replication event failed', err));
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }
}

/** Every leaf revision the desk holds of a document, with whether it is a deletion. */
async function leavesOf(db: Db, id: string): Promise<{ rev: string; deleted: boolean }[]> {
  const leaves = (await db.get(id, { open_revs: 'all' }).catch(() => [])) as { ok?: { _rev: string; _deleted?: boolean } }[];
  return leaves.flatMap((l) => (l.ok ? [{ rev: l.ok._rev, deleted: l.ok._deleted === true }] : []));
}

/** Which of `revs` head office lacks (`_revs_diff`), or null when it cannot be asked. */
async function missingAt(remote: Db, id: string, revs: string[]): Promise<Set<string> | null> {
  const diff = (await remote.revsDiff({ [id]: revs }).catch(() => null)) as Record<string, { missing?: string[] }> | null;
  return diff === null ? null : new Set(diff[id]?.missing ?? []);
}

/**
 * Head office already has every leaf revision the desk holds of the document (`_revs_diff` names
 * none missing). Every leaf, not the winner alone: the winner may be another desk's branch that
 * head office holds while the desk's own, refused branch loses.
 */
async function holdsEveryLeaf(db: Db, remote: Db, id: string): Promise<boolean> {
  const revs = (await leavesOf(db, id)).map((l) => l.rev);
  if (!revs.length) return false;
  const missing = await missingAt(remote, id, revs);
  return missing !== null && missing.size === 0;
}

/**
 * The live leaves head office lacks of a document of which it holds a deleted leaf the desk wrote
 * (a resolved conflict's deletion), or null: nothing to offer again.
 */
async function deletionTaken(db: Db, remote: Db, id: string): Promise<string[] | null> {
  const leaves = await leavesOf(db, id);
  const deleted = leaves.filter((l) => l.deleted).map((l) => l.rev);
  const live = leaves.filter((l) => !l.deleted).map((l) => l.rev);
  if (!deleted.length || !live.length) return null;
  const missing = await missingAt(remote, id, [...deleted, ...live]);
  if (missing === null) return null;
  const lacking = live.filter((r) => missing.has(r));
  return deleted.some((r) => !missing.has(r)) && lacking.length ? lacking.sort() : null;
}
