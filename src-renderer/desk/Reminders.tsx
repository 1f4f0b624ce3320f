import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { clinicTime } from '../../shared/time';
import { ApiError } from '../../shared/errors';
import { Button } from '../ui/ui';
import { apptText } from './appointmentText';

/**
 * The desk's reminders: an A/B member due at the door or arrived (every guide and the desk lead see
 * them, with her note and host), leadership greets A members. 我来接待 takes one: every desk then
 * reads who took it and when.
 */
export function Reminders() {
  const t = useText(apptText);
  const c = useText(commonText);
  const q = useQuery('desk.reminders', {});
  const [error, setError] = useState<string | null>(null);
  const { reload } = q;
  // Reminders fall due with the clock, not only with changes.
  useEffect(() => {
    const id = setInterval(reload, 60_000);
    return () => clearInterval(id);
  }, [reload]);
  if (!q.data?.length) return null;
  const take = async (key: string) => {
    setError(null);
    try {
      await api['desk.ackReminder']({ key });
    } catch (err) {
      setError(err instanceof ApiError ? (c.error[err.code] ?? err.message) : String(err));
    }
    reload();
  };
  return (
    <section aria-label={t.remindersTitle} className="col-span-5 flex flex-col gap-1 rounded-xl bg-amber-50 px-4 py-2 ring-1 ring-amber-300" data-testid="reminders">
      {error && <p className="text-sm text-rose-800">{error}</p>}
      {q.data.map((r) => (
        <p key={`${r.kind}-${r.key}`} role="status" className={`flex flex-wrap items-center gap-x-3 ${r.ack ? 'text-amber-900/70' : 'text-amber-950'}`} data-testid="reminder" data-kind={r.kind}>
          <span className="font-bold">
            {r.kind === 'meetAtDoor' ? t.meetAtDoor(r.customerName, r.tier, r.time) : r.kind === 'vipArrived' ? t.vipArrived(r.customerName, r.tier, r.time) : t.greetVip(r.customerName, r.time, r.arrived)}
          </span>
          {r.drinks !== null && <span className="text-sm">{t.prefs(r.drinks, r.snacks ?? '')}</span>}
          {r.note && <span className="text-sm font-medium">{t.vipNoteLine(r.note)}</span>}
          {r.hostName && <span className="text-sm">{t.vipHost(r.hostName)}</span>}
          {r.kind !== 'greetVip' &&
            (r.ack ? (
              <span className="rounded bg-emerald-100 px-1.5 text-sm text-emerald-900" data-testid="reminder-taken">
                {t.reminderTaken(r.ack.byName, clinicTime(r.ack.at))}
              </span>
            ) : (
              <Button variant="secondary" className="px-2 py-0.5 text-sm" onClick={() => void take(r.key)}>
                {t.takeReminder}
              </Button>
            ))}
        </p>
      ))}
    </section>
  );
}
