import { useRef, useState } from 'react';
import { api, setSession } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { homeAreaOf, useShell } from '../shell/store';
import { Banner, Button, Field, TextInput } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { operatorText } from './i18n';
import { clinicDate, clinicTime } from '../../shared/time';

/** The operator switch: pick a name, enter the PIN. Also how one guide hands the desk to the next. */
export function OperatorSwitch() {
  const t = useText(operatorText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const { status, refresh, setSwitching, go } = useShell();
  // Signed in: the consulting group starts at its register (homeAreaOf).
  const land = async () => {
    const now = await refresh();
    go(homeAreaOf(now, useShell.getState().area));
  };
  const staff = useQuery('staff.list', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Resets of her PIN by someone else, told once after she signs in (before the desk opens).
  const [resets, setResets] = useState<{ byName: string; at: string }[]>([]);
  const pinRef = useRef<HTMLInputElement>(null);

  // By name or its pinyin initials (王组长: wzz), as the customer lookup finds customers.
  const initials = useQuery('desk.initials', {});
  const wanted = filter.trim().toLowerCase();
  const candidates = (staff.data ?? []).filter((s) => s.canSignIn && (s.name.includes(filter.trim()) || (!!wanted && (initials.data?.[s.name] ?? '').startsWith(wanted))));
  const choose = (id: string) => {
    setChosen(id);
    setError(null);
    setTimeout(() => pinRef.current?.focus(), 0);
  };

  const signIn = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const result = await api['operator.signIn']({ staffId: chosen, pin });
      setSession(result.session);
      if (result.pinResets.length) {
        setResets(result.pinResets);
        return;
      }
      setSwitching(false);
      await land();
    } catch (err) {
      const { fields, general } = fromApiError(err, locale, c.error);
      setError(fields.pin ?? fields.staffId ?? general);
      setPin('');
      pinRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const carryOn = async () => {
    setResets([]);
    setSwitching(false);
    await land();
  };

  if (resets.length) {
    return (
      <main className="mx-auto max-w-2xl p-6">
        <h1 className="text-2xl font-bold text-teal-900">{t.pinResetTitle}</h1>
        <Banner tone="error">
          <ul>
            {resets.map((r) => (
              <li key={r.at}>{t.pinReset(r.byName, `${clinicDate(r.at)} ${clinicTime(r.at)}`)}</li>
            ))}
          </ul>
        </Banner>
        <Button className="mt-4 py-3" autoFocus onClick={() => void carryOn()}>
          {t.understood}
        </Button>
      </main>
    );
  }

  return (
    <main className="mx-auto max-w-2xl p-6">
      <h1 className="text-2xl font-bold text-teal-900">{t.title}</h1>
      <p className="mt-1 text-slate-600">
        {status?.clinic?.name} · {t.intro}
      </p>
      {staff.data && candidates.length === 0 && !filter && <Banner tone="info">{t.noStaff}</Banner>}
      <TextInput
        className="mt-4"
        aria-label={t.filter}
        placeholder={t.filter}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          // Type part of a name, Enter: the first match is chosen and the PIN field takes the keys.
          if (e.key === 'Enter' && candidates[0]) {
            e.preventDefault();
            choose(candidates[0].id);
          }
        }}
        autoFocus
      />
      <ul className="mt-4 grid grid-cols-3 gap-3" aria-label={t.title}>
        {candidates.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              aria-pressed={chosen === s.id}
              onClick={() => choose(s.id)}
              className={`w-full rounded-xl px-4 py-4 text-left ring-1 ${chosen === s.id ? 'bg-teal-700 text-white ring-teal-700' : 'bg-white ring-slate-300 hover:ring-teal-600'}`}
            >
              <span className="block text-lg font-bold">{s.name}</span>
              <span className={chosen === s.id ? 'text-teal-100' : 'text-slate-500'}>{c.role[s.role]}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        className="mt-6 flex items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void signIn();
        }}
      >
        <Field label={t.pin} error={error ?? undefined} className="flex-1">
          {(id, d) => <TextInput ref={pinRef} id={id} aria-describedby={d} invalid={!!error} type="password" inputMode="numeric" autoComplete="off" value={pin} disabled={!chosen} onChange={(e) => setPin(e.target.value)} />}
        </Field>
        <Button type="submit" disabled={!chosen || !pin || busy} className="py-3">
          {t.signIn}
        </Button>
        {status?.operator && (
          <Button variant="ghost" onClick={() => setSwitching(false)} className="py-3">
            {t.cancel}
          </Button>
        )}
      </form>
    </main>
  );
}
