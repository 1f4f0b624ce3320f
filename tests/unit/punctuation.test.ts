import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Chinese text on screen, on paper and in the sheets uses full-width punctuation (，：；？！（）):
 * no ASCII comma, colon, semicolon, question or exclamation mark, or bracket beside a Chinese
 * character in the text tables and the .xlsx / report writers. English text that names a Chinese
 * term (`Tea service (奉茶)`) keeps its ASCII punctuation.
 */
const english = (line: string) => (line.match(/\b[a-z]{3,}\b/g) ?? []).length >= 2 && !/npm run/.test(line);
const comment = (line: string) => /^(\/\/|\/\*|\*)/.test(line.trim());
const HAN = '[\\u4e00-\\u9fff]';
const ASCII_BESIDE_HAN = new RegExp(`${HAN}[,:;?!()]|[,:;?!(][${'\\u4e00-\\u9fff'}]`);

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, keep) : keep(name) ? [path] : [];
  });
}

const texts = [
  ...files('src-renderer', (n) => n === 'i18n.ts' || n === 'fieldMessages.ts' || n === 'appointmentText.ts' || n === 'common.ts'),
  ...files('shared', (n) => n === 'names.ts' || n === 'templates.ts'),
  'src-main/headoffice/export.ts',
  'src-main/headoffice/reports.ts',
  'src-main/complaints/stats.ts',
  'src-main/inspection/handlers.ts',
];

describe('full-width punctuation in Chinese text', () => {
  it('the text tables and sheet writers put no ASCII punctuation beside a Chinese character', () => {
    expect(texts.length).toBeGreaterThan(15);
    const found = texts.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (!comment(line) && !english(line) && ASCII_BESIDE_HAN.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
