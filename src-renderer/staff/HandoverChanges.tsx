import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { clinicDate } from '../../shared/time';
import { Button } from '../ui/ui';
import { staffText } from './i18n';

/**
 * The day's 人员调班 (changes to a published rota), offered to the shift handover log (seed 003:
 * 交接日志要對設備狀況、疑難問題、人員調班等狀況,記錄清楚明白): listed, and put into its 人员变动 with one key.
 */
export function HandoverChanges({ onUse }: { onUse(text: string): void }) {
  const t = useText(staffText);
  const today = clinicDate(new Date());
  const changes = useQuery('rota.changes', { from: today, to: today });
  const lines = (changes.data ?? []).map((c) => t.changeLine(c.name, t.code[c.fromCode] ?? c.fromCode, t.code[c.toCode] ?? c.toCode, c.reason));
  if (!lines.length) return null;
  return (
    <section aria-label={t.handoverChanges(today)} className="rounded-lg bg-sky-50 p-2 text-sm ring-1 ring-sky-200" data-testid="handover-rota-changes">
      <b>{t.handoverChanges(today)}</b>
      <ul className="list-disc pl-5">
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <Button variant="secondary" className="mt-1 px-2 py-1 text-sm" onClick={() => onUse(lines.join(t.listSep))}>
        {t.useChanges}
      </Button>
    </section>
  );
}
