import { describe, expect, it } from 'vitest';
import { customerSearchKeys, isSearchableQuery, maskPhone, matchesCustomer, normaliseQuery } from '../../shared/desk/rules';
import { ageOn, clinicDate, clinicTime, isCalendarDate, minutesBetween } from '../../shared/time';
import { newIdTail } from '../../shared/ids';
import { customerDocs, visitDocs } from '../../shared/desk/docs';

describe('customer search keys (desk/rules)', () => {
  it('keys a customer by the normalised name and the pinyin initials only (phones match on the phone itself)', () => {
    expect(customerSearchKeys('张 晓梅', 'zxm')).toEqual(['张晓梅', 'zxm']);
    expect(customerSearchKeys('Anna  LI', 'annali')).toEqual(['annali']);
    expect(customerSearchKeys('', '')).toEqual([]);
  });

  it('matches a name or initials prefix, or 4+ digits anywhere in the phone', () => {
    const c = { search: customerSearchKeys('张晓梅', 'zxm'), phone: '13912345678' };
    for (const typed of ['张', '张晓', 'zx', 'ZXM', '5678', '1234', '139 1234', '13912345678'])
      expect(matchesCustomer(normaliseQuery(typed), c), typed).toBe(true);
    for (const typed of ['晓梅', 'xm', '678', '9999', '139123456789', '李'])
      expect(matchesCustomer(normaliseQuery(typed), c), typed).toBe(false);
  });
});

describe('normaliseQuery', () => {
  it('strips spaces, dashes and + from a phone-like query', () => {
    expect(normaliseQuery(' 139-1234 5678 ')).toBe('13912345678');
    expect(normaliseQuery('+86 139')).toBe('86139');
  });

  it('lower-cases and removes whitespace from a name, keeping other characters', () => {
    expect(normaliseQuery('张 晓梅')).toBe('张晓梅');
    expect(normaliseQuery(' Anna\tLi ')).toBe('annali');
    expect(normaliseQuery('a1-2')).toBe('a1-2');
  });
});

describe('isSearchableQuery', () => {
  it('needs four digits for a phone query', () => {
    expect(isSearchableQuery('567')).toBe(false);
    expect(isSearchableQuery('13-9')).toBe(false);
    expect(isSearchableQuery('5678')).toBe(true);
    expect(isSearchableQuery('1 2 3 4')).toBe(true);
  });

  it('takes any non-blank name', () => {
    expect(isSearchableQuery('张')).toBe(true);
    expect(isSearchableQuery('   ')).toBe(false);
    expect(isSearchableQuery('')).toBe(false);
  });
});

describe('maskPhone', () => {
  it('shows the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('8613912345678')).toBe('861******5678');
  });

  it('shows only the last four of a short number, and a number of four or fewer as is', () => {
    expect(maskPhone('12345678')).toBe('****5678');
    expect(maskPhone('1234')).toBe('1234');
    expect(maskPhone('123')).toBe('123');
  });
});

describe('clinic time (Asia/Shanghai)', () => {
  it('dates an instant in clinic time, not UTC', () => {
    expect(clinicDate('2026-11-26T16:30:00Z')).toBe('2026-11-27');
    expect(clinicDate(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(clinicDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });

  it('gives the clinic wall-clock time, midnight as 00', () => {
    expect(clinicTime('2026-11-26T16:30:00Z')).toBe('00:30');
    expect(clinicTime(new Date('2026-11-27T02:05:00Z'))).toBe('10:05');
  });

  it('counts whole minutes and never goes negative', () => {
    expect(minutesBetween('2026-11-27T02:00:00Z', '2026-11-27T02:14:59Z')).toBe(14);
    expect(minutesBetween(new Date('2026-11-27T02:00:00Z'), new Date('2026-11-27T03:00:00Z'))).toBe(60);
    expect(minutesBetween('2026-11-27T02:15:00Z', '2026-11-27T02:00:00Z')).toBe(0);
    expect(minutesBetween('2026-11-27T02:00:00Z', '2026-11-27T02:00:00Z')).toBe(0);
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates written YYYY-MM-DD, leap days included', () => {
    for (const d of ['2026-11-27', '2026-12-31', '2024-02-29', '2026-01-01']) expect(isCalendarDate(d), d).toBe(true);
  });

  it('rejects impossible dates and other spellings', () => {
    for (const d of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1', '2026/11/27', ' 2026-11-27', '2026-11-27T00:00', ''])
      expect(isCalendarDate(d), d).toBe(false);
  });
});

describe('ageOn', () => {
  it('counts a year only once the birthday is reached', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('1990-06-15', '2026-05-20')).toBe(35);
    expect(ageOn('1990-06-15', '2026-07-01')).toBe(36);
  });

  it('ages someone born on 29 February on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

describe('ids', () => {
  const CROCKFORD_18 = /^[0-9abcdefghjkmnpqrstvwxyz]{18}$/;

  it('makes 18-character Crockford base32 tails', () => {
    for (let i = 0; i < 200; i++) expect(newIdTail(new Date(Date.UTC(2026, 10, 27) + i * 997))).toMatch(CROCKFORD_18);
    expect(newIdTail()).toMatch(CROCKFORD_18);
  });

  it('sorts tails by creation time', () => {
    const times = ['2026-11-27T02:00:00.000Z', '2026-11-27T02:00:00.001Z', '2026-11-27T02:00:00.032Z', '2026-11-28T00:00:00Z', '2031-01-01T00:00:00Z', '2099-12-31T23:59:59Z'];
    const tails = times.map((iso) => newIdTail(new Date(iso)));
    expect([...tails].reverse().sort()).toEqual(tails);
  });

  it('keeps tails made in one millisecond (or with the clock set back) in the order they were made', () => {
    const at = new Date('2099-12-31T23:59:59.999Z');
    const tails = Array.from({ length: 500 }, () => newIdTail(at));
    expect(new Set(tails).size).toBe(500);
    expect([...tails].sort()).toEqual(tails);
    const earlier = newIdTail(new Date('2026-01-01T00:00:00Z'));
    expect(earlier > tails[499]!).toBe(true);
  });

  it('gives two ids of one millisecond the same time head and different random tails', () => {
    const at = new Date('2026-11-27T02:00:00Z');
    const [a, b] = [newIdTail(at), newIdTail(at)];
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a).not.toBe(b);
  });

  it('ranges one clinic day of visits and nothing else', () => {
    const { startkey, endkey } = visitDocs.range('BJ', '2026-11-27');
    const inRange = (id: string) => id >= startkey && id <= endkey;
    const tail = newIdTail(new Date('2026-11-27T02:00:00Z'));
    expect(inRange(visitDocs.id('BJ', '2026-11-27', tail))).toBe(true);
    expect(inRange(visitDocs.id('BJ', '2026-11-27', 'zzzzzzzzzzzzzzzzzz'))).toBe(true);
    for (const id of [visitDocs.id('BJ', '2026-11-26', tail), visitDocs.id('BJ', '2026-11-28', tail), visitDocs.id('SH', '2026-11-27', tail), visitDocs.id('BJX', '2026-11-27', tail), customerDocs.id('BJ', tail)])
      expect(inRange(id), id).toBe(false);
  });
});
