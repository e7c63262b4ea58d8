import type * as contract from '@excon/contracts';

/** One field a request got wrong, named by its path as the client wrote it. */
export class FieldProblem {
  /**
   * The field's path: `injects[2].targets`, a path parameter (`id`), or `body` for the body as a whole.
   * @example "injects[2].targets"
   */
  field!: string;

  /**
   * @example "targets must name at least one command post"
   */
  message!: string;

  /**
   * For a cell of an imported MSEL file: its row as the file shows it (1-based); `field` then reads `row 7, column C «Время»`.
   * @example 7
   */
  row?: number;

  /**
   * For a cell of an imported MSEL file: its column letter.
   * @example "C"
   */
  column?: string;
}

/**
 * The body of every error answer (CONTRACT.md "Conventions"), made in one place:
 * apps/api/src/common/http-exception.filter.ts (and the body parser's errors in body-parsing.ts).
 */
export class ApiError implements contract.ApiError {
  /**
   * The HTTP status, repeated.
   * @example 400
   */
  statusCode!: number;

  /**
   * The status' reason phrase.
   * @example "Bad Request"
   */
  error!: string;

  /**
   * What went wrong, for a person; for a validation error the first field and its problem, or how many fields are wrong.
   * @example "injects[2].targets: targets must name at least one command post"
   */
  message!: string;

  /** Validation errors only: one entry per bad field. */
  details?: FieldProblem[];
}
