import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Field, Panel, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { saveFile } from '../ui/saveFile';
import { fleetText } from './i18n';
import { UpdatePolicyForm } from './UpdatePolicyForm';

type Sort = 'clinic' | 'version' | 'lastSynced' | 'clock' | 'pendingUp';

/** Head office's 设备: every desk of every clinic from their heartbeats, sortable, as .xlsx. */
export function DevicesScreen() {
  const t = useText(fleetText);
  const c = useText(commonText);
  const [staleText, setStaleText] = useState('24');
  const staleHours = /^\d{1,4}$/.test(staleText) && Number(staleText) >= 1 && Number(staleText) <= 2160 ? Number(staleText) : 24;
  const [sort, setSort] = useState<{ by: Sort; descending: boolean }>({ by: 'clinic', descending: false });
  const q = useQuery('fleet.devices', { staleHours, sort: sort.by, descending: sort.descending });
  const download = useSubmit();
  const view = q.data;

  const save = () =>
    download.send(async () => {
      saveFile(await api['fleet.devicesXlsx']({ staleHours, sort: sort.by, descending: sort.descending }));
    });

  const header = (label: string, by: Sort | null) => {
    if (!by) return <th className="px-2 py-1 text-left">{label}</th>;
    const active = sort.by === by;
    return (
      <th className="px-2 py-1 text-left" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="font-bold hover:underline" title={t.sortBy(label)} data-testid={`sort-${by}`} onClick={() => setSort({ by, descending: active ? !sort.descending : false })}>
          {label}
          {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  return (
    <div className="flex h-full flex-col gap-3">
      <UpdatePolicyForm />
      <Panel
        title={t.title}
        className="min-h-0 flex-1 overflow-auto"
        actions={
          <div className="flex items-end gap-3">
            <Field label={t.staleHours}>{(id) => <TextInput id={id} inputMode="numeric" value={staleText} onChange={(e) => setStaleText(e.target.value)} className="w-24 py-1" />}</Field>
            <Button onClick={() => void save()} disabled={download.busy}>
              {t.exportXlsx}
            </Button>
          </div>
        }
      >
        <p className="mb-2 text-slate-600">
          {t.intro}
          {view?.newest && <span className="ml-3 font-medium">{t.newest(view.newest)}</span>}
        </p>
        {(q.error || download.general) && <Banner tone="error">{download.general ?? (q.error && (c.error[q.error.code] ?? q.error.message))}</Banner>}
        {view && view.rows.length === 0 && <p className="text-slate-500">{t.none}</p>}
        {view && view.rows.length > 0 && (
          <table className="w-full text-sm" data-testid="devices">
            <thead className="bg-slate-100">
              <tr>
                {header(t.columns.clinic, 'clinic')}
                {header(t.columns.deskId, null)}
                {header(t.columns.version, 'version')}
                {header(t.columns.lastSynced, 'lastSynced')}
                {header(t.columns.pendingUp, 'pendingUp')}
                {header(t.columns.clock, 'clock')}
                {header(t.columns.disk, null)}
                {header(t.columns.seenAt, null)}
                {header(t.columns.flags, null)}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={`${r.clinic}:${r.deskId}`} className="border-b border-slate-100" data-testid="device">
                  <td className="px-2 py-1">
                    {r.clinicName} · {r.clinic}
                  </td>
                  <td className="px-2 py-1 font-mono text-xs">{r.deskId}</td>
                  <td className={`px-2 py-1 ${r.behind ? 'font-bold text-rose-700' : ''}`}>{r.appVersion}</td>
                  <td className={`px-2 py-1 ${r.stale ? 'font-bold text-rose-700' : ''}`}>{r.lastSyncedAt ? `${clinicDate(new Date(r.lastSyncedAt))} ${clinicTime(r.lastSyncedAt)}` : t.never}</td>
                  <td className="px-2 py-1 tabular-nums">{r.pendingUp}</td>
                  <td className={`px-2 py-1 tabular-nums ${r.clockWrong ? 'font-bold text-rose-700' : ''}`}>{r.clockOffsetMs === null ? '' : t.seconds(Math.round(r.clockOffsetMs / 1000))}</td>
                  <td className="px-2 py-1 tabular-nums">{r.freeDiskBytes === null ? '' : t.gb(Math.round(r.freeDiskBytes / 1e8) / 10)}</td>
                  <td className="px-2 py-1">{`${clinicDate(new Date(r.seenAt))} ${clinicTime(r.seenAt)}`}</td>
                  <td className="px-2 py-1">
                    {[r.behind && t.behind, r.stale && t.stale(view.staleHours), r.clockWrong && t.clockWrong].filter(Boolean).map((flag) => (
                      <span key={String(flag)} className="mr-1 rounded bg-rose-100 px-1.5 py-0.5 text-rose-800">
                        {flag}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
