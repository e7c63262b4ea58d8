import { MikroORM, ReferenceKind, type EntityMetadata } from '@mikro-orm/postgresql';
import { Delivery, ExerciseInject, ormOptions } from '@excon/persistence';
import { DELIVERY_ROW_COLUMNS, INJECT_ROW_COLUMNS } from './firing-rows';

/** The columns an entity has in its own table, from MikroORM's metadata (its properties' fieldNames). */
function columnsOf(meta: EntityMetadata): string[] {
  return meta.props
    .filter(
      (p) =>
        p.persist !== false &&
        (p.kind === ReferenceKind.SCALAR ||
          p.kind === ReferenceKind.MANY_TO_ONE ||
          p.kind === ReferenceKind.EMBEDDED ||
          (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)),
    )
    .flatMap((p) => p.fieldNames)
    .sort();
}

describe('raw row types against the entities', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    // Discovery only: the project's entity list and naming, no database connection.
    orm = await MikroORM.init({ ...ormOptions('postgresql://postgres@127.0.0.1:5432/unused'), connect: false });
  });

  afterAll(() => orm.close());

  it.each([
    ['InjectRow', ExerciseInject, 'exercise_inject', INJECT_ROW_COLUMNS],
    ['DeliveryRow', Delivery, 'delivery', DELIVERY_ROW_COLUMNS],
  ] as const)('%s has exactly the columns of its entity', (_row, entity, table, columns) => {
    const meta = orm.getMetadata().get(entity.name);
    expect(meta.tableName).toBe(table);
    expect([...columns].sort()).toEqual(columnsOf(meta));
    expect(new Set(columns).size).toBe(columns.length);
  });
});
