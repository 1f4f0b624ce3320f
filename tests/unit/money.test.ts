import { describe, expect, it } from 'vitest';
import { yuanInCapitals } from '../../shared/money';

describe('yuanInCapitals (大写金额 on the 员工过失处罚单)', () => {
  it.each([
    [0, '零元整'],
    [5, '伍元整'],
    [10, '壹拾元整'],
    [50, '伍拾元整'],
    [100, '壹佰元整'],
    [200, '贰佰元整'],
    [1000, '壹仟元整'],
    [1005, '壹仟零伍元整'],
    [1050, '壹仟零伍拾元整'],
    [1200, '壹仟贰佰元整'],
    [4000, '肆仟元整'],
    [10_000, '壹万元整'],
    [10_500, '壹万零伍佰元整'],
    [100_000, '壹拾万元整'],
    [101_000, '壹拾万壹仟元整'],
    [100_100, '壹拾万零壹佰元整'],
    [10_001_000, '壹仟万壹仟元整'],
    [10_100_000, '壹仟零壹拾万元整'],
    [100_000_005, '壹亿零伍元整'],
    [123_456_789, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整'],
  ])('%d yuan reads %s', (n, words) => {
    expect(yuanInCapitals(n)).toBe(words);
  });

  it.each([
    [0.05, '伍分'],
    [0.5, '伍角整'],
    [1.05, '壹元零伍分'],
    [10.5, '壹拾元伍角整'],
    [36.78, '叁拾陆元柒角捌分'],
    [99.999, '壹佰元整'], // rounded to the fen first
  ])('%d yuan with jiao and fen reads %s', (n, words) => {
    expect(yuanInCapitals(n)).toBe(words);
  });

  it('refuses what is no amount', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1e16]) expect(() => yuanInCapitals(bad)).toThrow(RangeError);
  });
});
