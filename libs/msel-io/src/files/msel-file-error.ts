/**
 * A problem with an uploaded file itself (not a valid workbook, an unknown sheet, an empty CSV, too large…),
 * as opposed to a problem in one of its cells. The API answers it with a 400 whose field is `file`; the
 * message is written for the controller who uploaded the file.
 */
export class MselFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MselFileError';
  }
}
