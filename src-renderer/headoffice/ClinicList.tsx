import { useState, type ReactNode } from 'react';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { HeadOfficeClinic } from '../../shared/headoffice/schemas';
import { headOfficeText } from './i18n';

/**
 * The clinics that have reached head office, as a list on the left; the chosen one (the first
 * until another is chosen) is shown on the right by `children`.
 */
export function ClinicList({ label, width = 'w-56', maxWidth = 'max-w-5xl', children }: { label: string; width?: string; maxWidth?: string; children(clinic: HeadOfficeClinic, all: HeadOfficeClinic[]): ReactNode }) {
  const t = useText(headOfficeText);
  const clinics = useQuery('headoffice.clinics', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const current = clinics.data?.find((c) => c.code === chosen) ?? clinics.data?.[0];
  return (
    <div className={`mx-auto flex h-full ${maxWidth} gap-3`}>
      <nav aria-label={label} className={`${width} shrink-0 space-y-1 overflow-auto rounded-xl bg-white p-2 shadow-sm ring-1 ring-slate-200`}>
        {clinics.data?.length === 0 && <p className="p-2 text-sm text-slate-500">{t.notYetSynced}</p>}
        {clinics.data?.map((c) => (
          <button
            key={c.code}
            type="button"
            aria-current={c.code === current?.code ? 'true' : undefined}
            onClick={() => setChosen(c.code)}
            className={`block w-full rounded-lg px-3 py-2 text-left ${c.code === current?.code ? 'bg-teal-700 text-white' : 'hover:bg-teal-50'}`}
          >
            <span className="font-bold">{c.code}</span> · {c.name}
          </button>
        ))}
      </nav>
      {current && clinics.data && children(current, clinics.data)}
    </div>
  );
}
