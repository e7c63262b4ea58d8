import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ScenarioInject } from '../scenarios/scenario-inject.entity';
import { ExerciseInject } from '../exercises/exercise-inject.entity';

/**
 * A file on an inject: of a scenario inject (the MSEL), or of an exercise inject (copied from the scenario's when
 * the exercise is created, or added to an ad-hoc inject). Exactly one of the two is set. The bytes are in
 * attachment_chunk under the SHA-256, shared by every attachment with the same content.
 */
@Entity({ tableName: 'attachment' })
@Index({ properties: ['sha256'] })
export class Attachment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ScenarioInject, { ref: true, nullable: true, deleteRule: 'cascade', index: true })
  scenarioInject: Ref<ScenarioInject> | null = null;

  @ManyToOne(() => ExerciseInject, { ref: true, nullable: true, deleteRule: 'cascade', index: true })
  exerciseInject: Ref<ExerciseInject> | null = null;

  /** The file name as uploaded (no path). */
  @Property({ type: 'string', length: 255 })
  name!: string;

  /** Sniffed from the bytes and agreeing with the name's extension; never what the browser claimed alone. */
  @Property({ type: 'string', length: 127 })
  contentType!: string;

  @Property({ type: 'integer' })
  size!: number;

  @Property({ type: 'string', length: 64, columnType: 'char(64)' })
  sha256!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  createdAt: Date = new Date();
}
