/** How head office's validation checks one document type (see validation.ts). */
/** Field kinds a validation checks: a JSON type, `?` = or null; `string[]` = an array of strings. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string?' | 'number?' | 'boolean?' | 'object?' | 'string[]';

/**
 * What head office knows of a type that its zod schema does not say: the id's shape, whether the
 * clinic keeps it, whether it is written once, what it claims. Its fields' kinds are not written
 * here: they come from the type's schema (schemaRule.ts), see `TypeRule`.
 */
export interface TypeDeclaration {
  /** Regular expression (source) the id must match, with `{CODE}` for the clinic; null = any. */
  id: string | null;
  /** How the id looks, for the message. */
  idShape: string;
  /** The clinic's rules keep these records: never deleted. */
  kept: boolean;
  /** Written once, never changed (decisions, versions): head office refuses any new revision. */
  immutable?: boolean;
  /**
   * For a written-once record derived by rules (a follow-up task by the plans): another first
   * revision (generation 1) that differs from the stored one in these fields only is the same record
   * derived under other rules at another desk. It is let in as a branch of its own (a conflict that
   * src-main/sync/conflicts.ts settles by rule), as CouchDB 3 lets in any new branch.
   */
  rederived?: string[];
  /**
   * The document claims `field` for `holder` (a complaint number for a case): when the id matches
   * `idPattern` it must end with the claimed value, and no later revision may change the holder.
   */
  claim?: { field: string; holder: string; idPattern: string };
  /**
   * Fields the schema lets a stored document lack that head office requires all the same (every
   * save writes them; older documents are read without them), with why.
   */
  require?: Record<string, string>;
}

/** A type as the `validate_doc_update` checks it: the declaration, and the schema's fields. */
export interface TypeRule extends TypeDeclaration {
  fields: Record<string, FieldKind>;
  /** Fields checked only when present (older records lack them, or only one kind of record has them). */
  optional?: Record<string, FieldKind>;
}
