import { Entity, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { MselImportOptions } from '@excon/domain';
import { User } from '../organisation/user.entity';

/** A saved MSEL import mapping: the options of an import, reused by name for files of the same layout. */
@Entity({ tableName: 'import_preset' })
export class ImportPreset {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  @Unique()
  name!: string;

  /** Never holds `preset` (a preset does not name another) nor `scenarioId` (a preset serves any scenario). */
  @Property({ type: 'json' })
  options!: MselImportOptions;

  @ManyToOne(() => User, { nullable: true, ref: true, deleteRule: 'set null' })
  createdBy: Ref<User> | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
