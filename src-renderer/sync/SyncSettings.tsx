import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { syncConfigureInput, type SyncStatus } from '../../shared/sync/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Panel } from '../ui/ui';
import { checkWith, fromApiError } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { ConflictReview } from './ConflictReview';
import { CredentialFields, type Credentials } from './CredentialFields';
import { syncText } from './i18n';

const when = (iso: string) => `${clinicDate(iso)} ${clinicTime(iso)}`;

/** 与总部同步: the server and desk account, what the sync is doing, refused records, conflicts. */
export function SyncSettings({ canEdit }: { canEdit: boolean }) {
  const t = useText(syncText);
  const status = useQuery('sync.status', {});
  const s = status.data;
  return (
    <div className="grid h-full grid-cols-2 gap-4">
      <Panel title={t.title}>
        {s && <StatusDetails s={s} />}
        {!canEdit && <Banner tone="info">{t.adminOnly}</Banner>}
        {s && canEdit && <ConnectForm s={s} />}
      </Panel>
      <div className="flex min-h-0 flex-col gap-4">
        {s && s.deniedDocs.length > 0 && <DeniedList s={s} />}
        {canEdit && <ConflictReview canEdit={canEdit} />}
      </div>
    </div>
  );
}

function StatusDetails({ s }: { s: SyncStatus }) {
  const t = useText(syncText);
  const c = useText(commonText);
  const locale = useLocale((l) => l.locale);
  const [general, setGeneral] = useState<string | null>(null);
  return (
    <div className="mb-6 space-y-3" data-testid="sync-details">
      {s.state === 'off' ? (
        <Banner tone="info">{t.offHelp}</Banner>
      ) : (
        <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-500">{t.title}</dt>
          <dd className="font-bold">{t.state[s.state]}</dd>
          <dt className="text-slate-500">{t.server}</dt>
          <dd className="font-mono">{s.server}</dd>
          <dt className="text-slate-500">{t.username}</dt>
          <dd className="font-mono">{s.username}</dd>
          <dt className="text-slate-500">{t.clinicDb}</dt>
          <dd className="font-mono">{s.clinicDb}</dd>
          <dt className="text-slate-500">{t.lastSyncedLabel}</dt>
          <dd>{s.lastSyncedAt ? when(s.lastSyncedAt) : t.never}</dd>
          <dt className="text-slate-500">{t.pendingLabel}</dt>
          <dd className="font-bold tabular-nums" data-testid="sync-pending">{s.pendingUp}</dd>
        </dl>
      )}
      {s.lastError && (
        <Banner tone="error">
          <p className="font-bold">{t.errorKind[s.lastError.kind]}</p>
          <p className="text-sm">
            {s.lastError.message} · {when(s.lastError.at)}
          </p>
        </Banner>
      )}
      {general && <Banner tone="error">{general}</Banner>}
      {s.state !== 'off' && (
        <Button
          variant="secondary"
          onClick={() =>
            void api['sync.retry']({}).catch((err: unknown) => setGeneral(fromApiError(err, locale, c.error).general))
          }
        >
          {t.retry}
        </Button>
      )}
    </div>
  );
}

function ConnectForm({ s }: { s: SyncStatus }) {
  const t = useText(syncText);
  const c = useText(commonText);
  const locale = useLocale((l) => l.locale);
  const [credentials, setCredentials] = useState<Credentials>({ url: s.server ?? '', username: s.username ?? '', password: '' });
  const { errors, setErrors, general, busy, send } = useSubmit();
  const [disconnectError, setDisconnectError] = useState<string | null>(null);

  const connect = async () => {
    const checked = checkWith(syncConfigureInput, credentials, locale);
    if (!checked.ok) return setErrors(checked.errors);
    await send(async () => {
      await api['sync.configure'](credentials);
      setCredentials({ ...credentials, password: '' });
    });
  };

  return (
    <form className="space-y-3 border-t border-slate-200 pt-4" onSubmit={(e) => { e.preventDefault(); void connect(); }}>
      {(general ?? disconnectError) && <Banner tone="error">{general ?? disconnectError}</Banner>}
      <CredentialFields value={credentials} onChange={setCredentials} errors={errors} />
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {s.state === 'off' ? t.connect : t.reconnect}
        </Button>
        {s.state !== 'off' && (
          <Button variant="ghost" onClick={() => void api['sync.disconnect']({}).catch((err: unknown) => setDisconnectError(fromApiError(err, locale, c.error).general))}>
            {t.disconnect}
          </Button>
        )}
      </div>
    </form>
  );
}

function DeniedList({ s }: { s: SyncStatus }) {
  const t = useText(syncText);
  return (
    <Panel title={t.denied}>
      <p className="mb-2 text-sm text-slate-600">{t.deniedHelp}</p>
      <table className="w-full text-left text-sm" data-testid="denied-docs">
        <thead className="text-slate-500">
          <tr>
            <th>{t.record}</th>
            <th>{t.reason}</th>
          </tr>
        </thead>
        <tbody>
          {s.deniedDocs.map((d) => (
            <tr key={d.id} className="border-t border-slate-100 align-top">
              <td className="py-1 pr-2 font-mono break-all">{d.id}</td>
              <td className="py-1">
                {d.reason}
                <span className="block text-slate-400">{when(d.at)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
