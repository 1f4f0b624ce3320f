import { useText } from '../i18n/i18n';
import { shellText } from './i18n';
import type { Area } from './store';

/** The panel an area shows until it is built. */
export function ComingSoon({ area }: { area: Area }) {
  const t = useText(shellText);
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-bold">
        {t.area[area]} · {t.comingTitle}
      </h1>
      <p className="mt-2 text-slate-600">{t.comingBody}</p>
    </div>
  );
}
