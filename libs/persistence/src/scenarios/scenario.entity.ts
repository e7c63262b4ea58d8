import { Collection, Entity, Enum, OneToMany, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { LANGUAGES, type Language, type Objective } from '@excon/domain';
import { ScenarioInject } from './scenario-inject.entity';

/** A scenario: its objectives and its MSEL (the scripted injects). */
@Entity({ tableName: 'scenario' })
export class Scenario {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Property({ type: 'text' })
  description: string = '';

  /** Language of `title`/`body` of the injects; translations carry the other one. */
  @Enum({ items: () => [...LANGUAGES], default: 'ru' })
  language: Language = 'ru';

  @Property({ type: 'json' })
  objectives: Objective[] = [];

  @OneToMany(() => ScenarioInject, (inject) => inject.scenario, { orphanRemoval: true, orderBy: { offsetSeconds: 'asc', ref: 'asc' } })
  injects = new Collection<ScenarioInject>(this);

  /** 1 when created; each import of a new version of the MSEL adds one. */
  @Property({ type: 'integer', default: 1 })
  version: Opt<number> = 1;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
