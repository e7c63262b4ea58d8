import { Global, Injectable, Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './orm-options';

export const DATABASE_URL = Symbol('DATABASE_URL');

const ormLogger = new Logger('MikroORM');

/** Applies pending migrations before any other module's start-up hook touches the database. */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);

  constructor(private readonly orm: MikroORM) {}

  async onModuleInit(): Promise<void> {
    const applied = await this.orm.getMigrator().up();
    if (applied.length > 0) this.logger.log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  }
}

/** MikroORM on the database URL resolved at boot (embedded PostgreSQL or DATABASE_URL). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRoot({
          ...ormOptions(databaseUrl),
          registerRequestContext: true,
          colors: false,
          logger: (message: string) => ormLogger.log(message),
        }),
      ],
      providers: [MigrationRunner, { provide: DATABASE_URL, useValue: databaseUrl }],
      exports: [DATABASE_URL],
    };
  }
}
