import { useEffect, useState } from 'react';
import { connect, onChange } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { SetupScreen } from '../setup/SetupScreen';
import { JoinProgress } from '../setup/JoinForm';
import { OperatorSwitch } from '../operator/OperatorSwitch';
import { Shell } from './Shell';
import { shellText } from './i18n';
import { useShell } from './store';
import { Banner } from '../ui/ui';

/** Boot: connect, read the status, then set-up → who is at the desk → the shell. */
export function App() {
  const [connected] = useState(connect);
  const [bootError, setBootError] = useState<string | null>(null);
  const status = useShell((s) => s.status);
  const refresh = useShell((s) => s.refresh);
  const switching = useShell((s) => s.switching);
  const t = useText(shellText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    if (!connected) return;
    refresh().catch((err: unknown) => setBootError(err instanceof Error ? err.message : String(err)));
    // Staff or clinic edited elsewhere (another window, later: sync): the shell re-reads its status.
    return onChange((e) => {
      // While joining, the sync status is the set-up screen's progress too.
      const joining = useShell.getState().status?.setupDone === false;
      if (e.types.some((t) => t === 'staff' || t === 'clinic' || (joining && t === 'sync'))) void refresh().catch(() => {});
    });
  }, [connected, refresh]);

  useEffect(() => {
    if (status) document.body.dataset.ready = 'true'; // milestone for end-to-end tests
  }, [status]);

  if (!connected || bootError) {
    return (
      <main className="mx-auto mt-24 max-w-xl space-y-4 p-6">
        <h1 className="text-2xl font-bold">{c.appName}</h1>
        <Banner tone="error">
          <p className="font-bold">{t.notConnected}</p>
          <p>{bootError && bootError !== 'not connected' ? c.error.unauthorized : t.notConnectedHelp}</p>
        </Banner>
      </main>
    );
  }
  if (!status) return <p className="p-8 text-slate-500">{c.loading}</p>;
  if (!status.setupDone) return status.joining ? <JoinProgress /> : <SetupScreen />;
  if (!status.operator || switching) return <OperatorSwitch />;
  return <Shell />;
}
