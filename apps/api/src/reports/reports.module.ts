import { Module } from '@nestjs/common';
import { DutyMessagesModule } from '../duty-messages/duty-messages.module';
import { ExercisesModule } from '../exercises/exercises.module';
import { ReportsController } from './reports.controller';
import { ReportRenderer } from './report-renderer.service';
import { ReportsService } from './reports.service';

@Module({
  imports: [ExercisesModule, DutyMessagesModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportRenderer],
})
export class ReportsModule {}
