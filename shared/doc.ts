import { z } from 'zod';

/**
 * Fields every synced document carries: what it is, which schema version wrote it, and who
 * created and last changed it when (accountability is the point of the clinic's rules).
 */
export const docMeta = {
  _id: z.string(),
  _rev: z.string().optional(),
  type: z.string(),
  schemaVersion: z.number().int().positive(),
  clinic: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string(),
};

export interface DocMeta {
  _id: string;
  _rev?: string | undefined;
  type: string;
  schemaVersion: number;
  clinic: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Text a person typed: trimmed, bounded, and free of control characters. */
export function text(max: number) {
  return z
    .string()
    .trim()
    .max(max, { error: `at most ${max} characters` })
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { error: 'contains control characters' });
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1, { error: 'required' }));
}
