/**
 * 大写金额: an amount of yuan as Chinese financial capitals, as written on a 员工过失处罚单 beside the
 * figures (人民币 is printed by the form, not here). Rounded to the fen; the usual rules of the
 * bank forms: 壹拾 (not 拾) for a leading ten, one 零 for any run of zeros inside the number
 * (壹仟零伍元), a 零 where a group of four digits starts below its thousands after a higher group
 * (壹万零伍佰元), 整 after 元 or 角 when there are no fen.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'] as const;
const BIG = ['', '万', '亿', '万亿'] as const;

/** Four digits (1–9999) with their units; zeros inside collapse into one 零, trailing zeros drop. */
function group(v: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(v / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    out += DIGITS[d]! + SMALL[i]!;
    zero = false;
  }
  return out;
}

export function yuanInCapitals(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e16) throw new RangeError(`yuanInCapitals: 0 to 10^16, not ${amount}`);
  const fen = Math.round(amount * 100);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  let out = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let n = yuan; n > 0; n = Math.floor(n / 10_000)) groups.push(n % 10_000);
    let gap = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const v = groups[g]!;
      if (v === 0) {
        gap = out !== '';
        continue;
      }
      if (out && (gap || v < 1000)) out += '零';
      out += group(v) + BIG[g]!;
      gap = false;
    }
    out += '元';
  }
  if (jiao === 0 && cents === 0) return (out || '零元') + '整';
  if (jiao > 0) out += DIGITS[jiao]! + '角';
  else if (out) out += '零';
  return out + (cents > 0 ? DIGITS[cents]! + '分' : '整');
}
