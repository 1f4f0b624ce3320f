import { useState } from 'react';
import type { BackupStatus } from '../../shared/fleet/schemas';
import { api, folderPicker } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Field, Panel, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { saveFile } from '../ui/saveFile';
import { fleetText } from './i18n';

const when = (iso: string) => `${clinicDate(new Date(iso))} ${clinicTime(iso)}`;

/** 设置 → 本机: this PC's version and updates, its backup, and the diagnostics package for IT. */
export function DeviceSettings({ canEdit }: { canEdit: boolean }) {
  return (
    <div className="mx-auto flex h-full max-w-3xl flex-col gap-4 overflow-auto pb-2 [&>section]:shrink-0">
      <VersionPanel />
      <BackupPanel canEdit={canEdit} />
      <DiagnosticsPanel canEdit={canEdit} />
    </div>
  );
}

function VersionPanel() {
  const t = useText(fleetText);
  const q = useQuery('fleet.updateStatus', {});
  const v = q.data;
  if (!v) return null;
  const s = v.status;
  const version = s?.version ?? '';
  const stateText = {
    off: t.updateOff,
    checking: t.updateChecking,
    current: t.updateCurrent,
    downloading: t.updateDownloading(version),
    ready: t.updateReady(version),
    refused: t.updateRefused,
    error: t.updateError,
  };
  return (
    <Panel title={t.versionTitle}>
      <p className="text-lg font-semibold" data-testid="app-version">
        {t.currentVersion(v.current)}
      </p>
      {!v.electron && <p className="mt-2 text-slate-600">{t.browserHost}</p>}
      {v.electron && (
        <p className="mt-2 text-slate-700" data-testid="update-state">
          {s === null ? t.notChecked : stateText[s.state]}
          {s?.channel && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-sm text-slate-600">{t.channel(s.channel)}</span>}
        </p>
      )}
      {s && <p className="mt-1 text-sm text-slate-500">{t.checkedAt(when(s.at))}</p>}
    </Panel>
  );
}

function BackupPanel({ canEdit }: { canEdit: boolean }) {
  const q = useQuery('backup.status', {});
  return q.data ? <BackupForm key={JSON.stringify(q.data.schedule)} status={q.data} canEdit={canEdit} reload={q.reload} /> : null;
}

function BackupForm({ status, canEdit, reload }: { status: BackupStatus; canEdit: boolean; reload(): void }) {
  const t = useText(fleetText);
  const [folder, setFolder] = useState(status.schedule?.folder ?? '');
  const [every, setEvery] = useState(String(status.schedule?.everyHours ?? 24));
  const [done, setDone] = useState<string | null>(null);
  const { errors, general, busy, send } = useSubmit();
  const hours = Number(every);
  const pick = folderPicker();

  return (
    <Panel title={t.backupTitle}>
      <p className="mb-3 text-sm text-slate-600">{t.backupIntro}</p>
      {(
        <ul className="mb-3 space-y-1 text-sm" data-testid="backup-status">
          <li>{status.last ? t.backupLast(status.last.docCount, when(status.last.at)) : t.backupNone}</li>
          <li>{status.schedule ? t.backupScheduled(status.schedule.folder, status.schedule.everyHours) : t.backupUnscheduled}</li>
          {status.lastError && <li className="font-semibold text-rose-700">{t.backupFailed(when(status.lastError.at), status.lastError.message)}</li>}
        </ul>
      )}
      {canEdit ? (
        <div className="grid grid-cols-[1fr_9rem] items-start gap-3">
          <Field label={t.backupFolder} hint={pick ? t.backupFolderPickHint : t.backupFolderHint} error={errors.folder}>
            {(id) => (
              <div className="flex gap-2">
                <TextInput id={id} value={folder} invalid={!!errors.folder} onChange={(e) => setFolder(e.target.value)} data-testid="backup-folder" />
                {pick && (
                  <Button variant="secondary" className="whitespace-nowrap" onClick={() => void pick().then((chosen) => chosen && setFolder(chosen))} data-testid="pick-folder">
                    {t.backupPick}
                  </Button>
                )}
              </div>
            )}
          </Field>
          <Field label={t.backupEvery} error={errors.everyHours}>
            {(id) => <TextInput id={id} inputMode="numeric" value={every} invalid={!!errors.everyHours} onChange={(e) => setEvery(e.target.value)} />}
          </Field>
          <div className="col-span-2 flex flex-wrap gap-2">
            <Button
              disabled={busy}
              className="whitespace-nowrap"
              onClick={() =>
                void send(async () => {
                  setDone(null);
                  const r = await api['backup.create']({ folder });
                  setDone(t.backupDone(r.docCount, when(r.at)));
                  reload();
                })
              }
              data-testid="backup-now"
            >
              {t.backupNow}
            </Button>
            <Button variant="secondary" disabled={busy} className="whitespace-nowrap" onClick={() => void send(async () => void (await api['backup.schedule']({ folder, everyHours: Number.isInteger(hours) ? hours : 0 }), reload()))}>
              {t.backupScheduleSave}
            </Button>
            {status?.schedule && (
              <Button variant="ghost" disabled={busy} className="whitespace-nowrap" onClick={() => void send(async () => void (await api['backup.schedule']({ folder: null, everyHours: 24 }), reload()))}>
                {t.backupScheduleOff}
              </Button>
            )}
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-500">{t.leadsOnly}</p>
      )}
      {general && <Banner tone="error">{general}</Banner>}
      {done && <Banner tone="success">{done}</Banner>}
    </Panel>
  );
}

function DiagnosticsPanel({ canEdit }: { canEdit: boolean }) {
  const t = useText(fleetText);
  const { general, busy, send } = useSubmit();
  return (
    <Panel title={t.diagnosticsTitle}>
      <p className="mb-3 text-sm text-slate-600">{t.diagnosticsIntro}</p>
      {canEdit ? (
        <Button variant="secondary" disabled={busy} className="whitespace-nowrap" onClick={() => void send(async () => saveFile(await api['fleet.diagnostics']({})))} data-testid="diagnostics">
          {t.diagnosticsExport}
        </Button>
      ) : (
        <p className="text-sm text-slate-500">{t.leadsOnly}</p>
      )}
      {general && <Banner tone="error">{general}</Banner>}
    </Panel>
  );
}
