import { z } from "zod";

/** Options for `writeCsv` and `formatCsv` (lotwise/node). */
export const WriteCsvOptionsSchema = z
  .object({
    /** Column order. Default: the keys of the first row, then any new keys of later rows in order of appearance. */
    columns: z
      .array(z.string())
      .refine((cs) => new Set(cs).size === cs.length, "column names must be unique")
      .optional(),
    /** Decimal places numbers are rounded to (trailing zeros dropped). */
    decimals: z.number().int().min(0).max(20).default(6),
    /**
     * Neutralise spreadsheet formulas (OWASP's rule): a text cell starting with `=`, `+`, `-`, `@`, tab
     * or carriage return gets a leading `'`, unless the whole cell is a plain decimal number.
     */
    escapeFormulas: z.boolean().default(true),
    /** Start the file with a UTF-8 byte-order mark, so Excel reads it as UTF-8. */
    bom: z.boolean().default(false),
  })
  .strict();
export type WriteCsvOptions = z.input<typeof WriteCsvOptionsSchema>;

/** Options for `readCsv` (lotwise/node). */
export const ReadCsvOptionsSchema = z
  .object({
    /**
     * Undo `writeCsv`'s formula escaping: one leading `'` is removed from a cell that starts with one or
     * more `'` followed by `=`, `+`, `-`, `@`, tab or carriage return, so lotwise's own files read back
     * exactly as they were written.
     */
    unescapeFormulas: z.boolean().default(true),
  })
  .strict();
export type ReadCsvOptions = z.input<typeof ReadCsvOptionsSchema>;
