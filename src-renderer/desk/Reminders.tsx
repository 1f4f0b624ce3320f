import { useEffect } from 'react';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { apptText } from './appointmentText';

/** In-app reminders for the signed-in person: meet an A/B member at the door; leadership greets A members. */
export function Reminders() {
  const t = useText(apptText);
  const q = useQuery('desk.reminders', {}, ['appointment', 'visit', 'customer']);
  const { reload } = q;
  // Reminders fall due with the clock, not only with changes.
  useEffect(() => {
    const id = setInterval(reload, 60_000);
    return () => clearInterval(id);
  }, [reload]);
  if (!q.data?.length) return null;
  return (
    <section aria-label={t.remindersTitle} className="col-span-5 flex flex-col gap-1 rounded-xl bg-amber-50 px-4 py-2 ring-1 ring-amber-300" data-testid="reminders">
      {q.data.map((r) => (
        <p key={`${r.kind}-${r.appointmentId}`} role="status" className="text-amber-950">
          <span className="font-bold">{r.kind === 'meetAtDoor' ? t.meetAtDoor(r.customerName, r.tier, r.time) : t.greetVip(r.customerName, r.time, r.arrived)}</span>
          {r.drinks !== null && <span className="ml-3 text-sm">{t.prefs(r.drinks, r.snacks ?? '')}</span>}
        </p>
      ))}
    </section>
  );
}
