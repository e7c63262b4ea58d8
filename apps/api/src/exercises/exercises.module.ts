import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditEvent, CommandPost, Exercise, ExerciseInject, Scenario } from '@excon/persistence';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ExercisesController } from './exercises.controller';
import { ExercisesService } from './exercises.service';

@Module({
  imports: [MikroOrmModule.forFeature([Exercise, ExerciseInject, Scenario, CommandPost, AuditEvent]), AttachmentsModule],
  controllers: [ExercisesController],
  providers: [ExercisesService],
  exports: [ExercisesService],
})
export class ExercisesModule {}
