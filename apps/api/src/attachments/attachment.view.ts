import type * as contract from '@excon/contracts';

/** A file an inject carries, as the inject lists it. */
export class AttachmentSummaryView implements contract.AttachmentSummary {
  /**
   * @example "0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"
   */
  id!: string;

  /**
   * The name as uploaded.
   * @example "flood-map-pinsk.png"
   */
  name!: string;

  /**
   * Sniffed from the bytes (and agreeing with the name).
   * @example "image/png"
   */
  contentType!: string;

  /**
   * Bytes.
   * @example 482113
   */
  size!: number;
}

/** The answer to an upload. */
export class AttachmentView extends AttachmentSummaryView implements contract.AttachmentView {
  /**
   * Hex SHA-256 of the bytes stored.
   * @example "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
   */
  sha256!: string;
}
