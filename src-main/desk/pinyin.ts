import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials of a name (张晓梅 → zxm, 曾小单 → zxd with the surname reading), for the lookup.
 * Kept in the main process: pinyin-pro's dictionary is ~1 MB and the renderer never needs it.
 * Latin letters and digits stay as they are (Amy张 → amyz).
 */
export function pinyinInitials(name: string): string {
  return pinyin(name.replace(/\s+/g, ''), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .join('')
    .toLowerCase();
}
