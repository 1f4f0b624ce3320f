import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { clinicTime } from '../../shared/time';
import type { SyncState } from '../../shared/sync/schemas';
import { syncText } from './i18n';
import { clockIsWrong, clockOffsetMinutes } from '../../shared/fleet/rules';

const tone: Record<SyncState, string> = {
  off: 'bg-slate-600 text-white',
  connecting: 'bg-sky-200 text-sky-950',
  syncing: 'bg-sky-200 text-sky-950',
  idle: 'bg-emerald-200 text-emerald-950',
  offline: 'bg-amber-200 text-amber-950',
  error: 'bg-rose-600 text-white',
  denied: 'bg-rose-600 text-white',
};

/** Always in the shell: online or not, last sync, what still waits to go up; 重试 while offline. */
export function SyncStatusPill({ onOpen }: { onOpen(): void }) {
  const t = useText(syncText);
  const status = useQuery('sync.status', {});
  const [retrying, setRetrying] = useState(false);
  const s = status.data;
  if (!s) return null;
  const canRetry = s.state === 'offline' || s.state === 'error';
  const detail = s.pull
    ? t.pulled(s.pull.done, s.pull.total)
    : s.state === 'idle' && s.lastSyncedAt
      ? clinicTime(s.lastSyncedAt)
      : s.pendingUp > 0 && s.state !== 'off'
        ? t.pending(s.pendingUp)
        : s.state === 'denied'
          ? String(s.deniedDocs.length)
          : '';
  return (
    <span className="flex items-center gap-1">
      <button type="button" onClick={onOpen} data-testid="sync-status" data-state={s.state} className={`rounded-md px-3 py-1 text-sm font-medium ${tone[s.state]}`} title={t.title}>
        {t.state[s.state]}
        {/* Given way when the header needs the room (shell/Shell.tsx useFitRow); the settings' 与总部同步 shows it in full. */}
        {(detail || s.conflicts > 0) && (
          <span className="hdr-detail">
            {detail && ` · ${detail}`}
            {s.conflicts > 0 && ` · ${t.conflictCount(s.conflicts)}`}
          </span>
        )}
      </button>
      {s.clock && clockIsWrong(s.clock.offsetMs) && (
        // Visible at every screen: visits, waits and deadlines are stamped by this clock.
        <span role="alert" data-testid="clock-warning" title={t.clockWrong(clockOffsetMinutes(s.clock.offsetMs), s.clock.offsetMs > 0)} className="rounded-md bg-rose-600 px-2 py-1 text-sm font-medium text-white">
          {t.clockWrongBadge(clockOffsetMinutes(s.clock.offsetMs), s.clock.offsetMs > 0)}
        </span>
      )}
      {s.appVersion.below && s.appVersion.minimum && (
        <span role="alert" data-testid="below-minimum" title={t.belowMinimum(s.appVersion.current, s.appVersion.minimum)} className="rounded-md bg-amber-300 px-2 py-1 text-sm font-medium text-amber-950">
          {t.belowMinimumBadge} {s.appVersion.current} → {s.appVersion.minimum}
        </span>
      )}
      {canRetry && (
        <button
          type="button"
          data-testid="sync-retry"
          title={t.retryTitle}
          disabled={retrying}
          className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm font-medium ring-1 ring-teal-300 hover:bg-teal-700 disabled:opacity-60"
          onClick={() => {
            setRetrying(true);
            // The badge follows the new session through the `sync` announcements; a failure shows there too.
            void api['sync.retry']({})
              .catch(() => {})
              .finally(() => setRetrying(false));
          }}
        >
          <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" className="size-4 shrink-0" aria-hidden>
            <path d="M16 10a6 6 0 1 1-1.8-4.3M16 3.5v3.2h-3.2" />
          </svg>
          <span className="hdr-word">{t.retryShort}</span>
        </button>
      )}
    </span>
  );
}
