/**
 * What an uploaded MSEL may weigh. A real MSEL has hundreds of rows; the limits keep one upload from taking the
 * server's memory (a zip bomb, a sheet formatted down to row 1,048,576) while leaving room for the benchmark's
 * 10,000 injects.
 */
export const MSEL_FILE_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  /** Sum of an XLSX package's parts once unzipped, checked before any part is expanded. */
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxRows: 50_000,
  maxColumns: 200,
} as const;
