import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { clinicDate, clinicTime } from '../../shared/time';
import type { SyncConflict } from '../../shared/sync/schemas';
import { Banner, Button, Panel } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { syncText } from './i18n';
import { useShell } from '../shell/store';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Conflicts for a person to settle: each revision side by side, the differing fields first.
 * Keeping one archives the others (nothing is lost).
 */
export function ConflictReview({ canEdit }: { canEdit: boolean }) {
  const t = useText(syncText);
  const c = useText(commonText);
  const locale = useLocale((l) => l.locale);
  const headOffice = useShell((s) => s.status?.headOffice ?? false);
  const conflicts = useQuery('sync.conflicts', {});
  const staff = useQuery('staff.list', { includeInactive: true });
  const [error, setError] = useState<string | null>(null);
  const name = (id: string | null) => (id ? (staff.data?.find((s) => s.id === id)?.name ?? id) : '—');

  const keep = async (conflict: SyncConflict, rev: string) => {
    try {
      await api['sync.resolveConflict']({ id: conflict.id, keepRev: rev });
      setError(null);
      conflicts.reload();
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setError(r.general ?? Object.values(r.fields)[0] ?? null);
    }
  };

  return (
    <Panel title={t.conflicts} className="flex-1">
      {error && <Banner tone="error">{error}</Banner>}
      {conflicts.data?.length === 0 && <p className="text-slate-500">{t.conflictsNone}</p>}
      {!!conflicts.data?.length && <p className="mb-3 text-sm text-slate-600">{t.conflictsHelp}</p>}
      <ul className="space-y-4">
        {conflicts.data?.map((conflict) => (
          <li key={conflict.id} className="rounded-lg ring-1 ring-amber-300" data-testid="conflict">
            <p className="bg-amber-50 px-3 py-1">
              <span className="font-bold">{t.docType[conflict.type ?? ''] ?? conflict.type}</span>
              {typeof conflict.winner.fields.name === 'string' && ` · ${conflict.winner.fields.name}`}
              <span className="ml-2 font-mono text-xs text-slate-500">{conflict.id}</span>
            </p>
            {conflict.writtenOnce && (
              <p className="px-3 pt-2 text-sm text-slate-700" data-testid="written-once">
                {headOffice ? t.writtenOnceHo : t.writtenOnceDesk}
                {conflict.differingFields.length === 0 && ` ${t.sameContent}`}
              </p>
            )}
            <div className="grid grid-cols-2 gap-2 p-3">
              {[{ label: t.current, r: conflict.winner }, ...conflict.losers.map((r) => ({ label: t.other, r }))].map(({ label, r }) => (
                <div key={r.rev} className="rounded-md bg-white p-2 ring-1 ring-slate-200" data-testid="conflict-revision">
                  <p className="text-sm font-bold">{label}</p>
                  <p className="text-xs text-slate-500">{t.changedBy(name(r.updatedBy), r.updatedAt ? `${clinicDate(r.updatedAt)} ${clinicTime(r.updatedAt)}` : '—')}</p>
                  <dl className="mt-1 text-sm">
                    {conflict.differingFields.map((f) => (
                      <div key={f} className="flex gap-2">
                        <dt className="text-slate-500">{t.field[f] ?? f}</dt>
                        <dd className="font-medium break-all">{show(r.fields[f])}</dd>
                      </div>
                    ))}
                  </dl>
                  {canEdit && (!conflict.writtenOnce || headOffice) && (
                    <Button variant="secondary" className="mt-2 px-3 py-1 text-sm" onClick={() => void keep(conflict, r.rev)}>
                      {t.keep}
                    </Button>
                  )}
                </div>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
