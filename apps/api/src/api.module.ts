import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AdminQueuesModule } from './admin-queues/admin-queues.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { AuthModule } from './auth/auth.module';
import { CommandPostsModule } from './command-posts/command-posts.module';
import { DutyModule } from './duty/duty.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { ImprovementPlanModule } from './improvement-plan/improvement-plan.module';
import { ConsoleModule } from './console/console.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { ExercisesModule } from './exercises/exercises.module';
import { MetricsEndpointModule } from './metrics/metrics-endpoint.module';
import { MselFilesModule } from './msel-files/msel-files.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PostGroupsModule } from './post-groups/post-groups.module';
import { ReportsModule } from './reports/reports.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { TrainingPlanModule } from './training-plan/training-plan.module';
import { UsersModule } from './users/users.module';

/** The API role's features: REST routes, the socket.io gateway, /metrics and the queue dashboard for admins, and the one mapping of errors to HTTP. */
@Module({})
export class ApiModule {
  static forRoot(jwtSecret: string): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AuditTrailModule,
        AuthModule.forRoot(jwtSecret),
        UsersModule,
        OrganisationModule,
        CommandPostsModule,
        PostGroupsModule,
        ScenariosModule,
        MselFilesModule,
        AttachmentsModule,
        ExercisesModule,
        EvaluationModule,
        ReportsModule,
        ImprovementPlanModule,
        DutyModule,
        TrainingPlanModule,
        ConsoleModule,
        MetricsEndpointModule,
        AdminQueuesModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
