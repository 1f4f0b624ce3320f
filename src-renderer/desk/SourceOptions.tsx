import { sources } from '../../shared/desk/schemas';
import { commonText } from '../i18n/common';
import { useText } from '../i18n/i18n';

/** The media sources (媒体来源) as a select's options, in the registration's words: one list for the door, an enquiry and a correction. */
export function SourceOptions() {
  const c = useText(commonText);
  return sources.map((s) => (
    <option key={s} value={s}>
      {c.source[s]}
    </option>
  ));
}
