import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One piece (up to 1 MiB) of an attachment's bytes, stored once per content and read by every process. */
@Entity({ tableName: 'attachment_chunk' })
export class AttachmentChunk {
  @PrimaryKey({ type: 'string', length: 64, columnType: 'char(64)' })
  sha256!: string;

  /** 0, 1, 2, … in the order of the bytes. */
  @PrimaryKey({ type: 'integer' })
  n!: number;

  @Property({ type: 'blob', columnType: 'bytea' })
  data!: Buffer;
}
