import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * Paper as the printer gets it (issue 19): the page prints to PDF at the size its own @page rule
 * names (`preferCSSPageSize`), and the test reads the PDF's pages back — how many, and each one's
 * MediaBox in points — so that a sheet on the wrong paper, or a blank page after it, fails.
 */
export const paper = {
  A4: { width: 595, height: 842 },
  'A4 landscape': { width: 842, height: 595 },
  'A5 landscape': { width: 595, height: 420 },
} as const;
export type Paper = keyof typeof paper;

/** Prints the page to PDF (test-results/screens/<name>.pdf, attached to the report) and returns its pages' sizes. */
export async function printPdf(page: Page, testInfo: TestInfo, name: string): Promise<{ pdf: Buffer; pages: { width: number; height: number }[] }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const dir = join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.pdf`), new Uint8Array(pdf));
  await testInfo.attach(`${name}.pdf`, { body: pdf, contentType: 'application/pdf' });
  return { pdf, pages: pdfPages(pdf) };
}

/** Each page object's MediaBox (Chromium writes its PDF's page dictionaries uncompressed). */
export function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString('latin1');
  expect(text.slice(0, 5)).toBe('%PDF-');
  const pages: { width: number; height: number }[] = [];
  for (const m of text.matchAll(/\d+\s+0\s+obj([\s\S]*?)endobj/g)) {
    if (!/\/Type\s*\/Page(?![a-z])/.test(m[1]!)) continue;
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(m[1]!);
    pages.push(box ? { width: Math.round(Number(box[3]) - Number(box[1])), height: Math.round(Number(box[4]) - Number(box[2])) } : { width: 0, height: 0 });
  }
  return pages;
}

/** The printout is `count` pages of `size` (by default one: no blank second page). */
export async function expectPaper(page: Page, testInfo: TestInfo, name: string, size: Paper, count = 1): Promise<Buffer> {
  const { pdf, pages } = await printPdf(page, testInfo, name);
  expect(pages, `${name}: ${count} page(s) of ${size}`).toEqual(Array.from({ length: count }, () => paper[size]));
  return pdf;
}

/** Whether poppler's `name` (pdftotext, pdftoppm) is on this machine. */
function poppler(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Each page's text as poppler reads it (pdftotext), or null on a machine without poppler-utils;
 * with pdftoppm there too, each page is also rendered to test-results/screens/<name>-<n>.png to be looked at.
 */
export function pdfPageTexts(pdf: Buffer, name: string): string[] | null {
  if (!poppler('pdftotext')) return null;
  const dir = join('test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, new Uint8Array(pdf));
  if (poppler('pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '60', file, join(dir, name)]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}
