import { Module } from '@nestjs/common';
import { PlanActivitiesController } from './plan-activities.controller';
import { PlanActivitiesService } from './plan-activities.service';
import { PlanDocumentsService } from './plan-documents.service';
import { PlanFeedController } from './plan-feed.controller';
import { PlanFeedService } from './plan-feed.service';

/** The year's joint-training plan, invitations, iCalendar and consultations (issue 13). */
@Module({
  controllers: [PlanActivitiesController, PlanFeedController],
  providers: [PlanActivitiesService, PlanDocumentsService, PlanFeedService],
})
export class TrainingPlanModule {}
