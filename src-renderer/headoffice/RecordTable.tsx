import type { ReactNode } from 'react';
import { useText } from '../i18n/i18n';
import { MAX_RECORDS } from '../../shared/headoffice/schemas';
import { headOfficeText } from './i18n';
import { Failed } from './figures';

/** A table of records with its error and its cap notice. */
export function RecordTable({ error, head, rows, count }: { error: unknown; head: string[]; rows: ReactNode; count: number | undefined }) {
  const t = useText(headOfficeText);
  return (
    <>
      <Failed error={error} />
      <div className="min-h-0 flex-1 overflow-auto px-4 py-2">
        <table className="w-full text-sm" data-testid="records">
          <thead>
            <tr className="text-left text-slate-500">
              {head.map((h) => (
                <th key={h} className="py-1 pr-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
        {count === MAX_RECORDS && <p className="mt-2 text-sm text-slate-500">{t.recordsCap(MAX_RECORDS)}</p>}
      </div>
    </>
  );
}
