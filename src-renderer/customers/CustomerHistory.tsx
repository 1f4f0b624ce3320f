import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { apptText } from '../desk/appointmentText';
import { CustomerEditor } from './CustomerEditor';

/** A returning customer's record at the desk: visits, appointments and no-shows (记录在案). */
export function CustomerHistory({ customerId }: { customerId: string }) {
  const t = useText(apptText);
  const h = useQuery('customer.history', { customerId });
  if (!h.data) return null;
  return (
    <>
    <div className="mt-2 flex flex-wrap gap-x-4 text-sm text-slate-700" data-testid="customer-history">
      <span>{t.historyLine(h.data.visits.length, h.data.appointments.length)}</span>
      {h.data.noShows.length > 0 && <span className="font-bold text-rose-700">{t.historyNoShows(h.data.noShows.length)}</span>}
      {h.data.noShows.slice(0, 3).map((n) => (
        <span key={n.appointmentId} className="text-rose-700">
          {t.noShowAt(n.date, n.how)}
        </span>
      ))}
    </div>
    <CustomerEditor customerId={customerId} />
    </>
  );
}
