import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { CommandPost, Exercise, ImprovementAction, Observation } from '@excon/persistence';
import { ImprovementPlanController } from './improvement-plan.controller';
import { ImprovementPlanService } from './improvement-plan.service';

/** The improvement plan of the after-action report, tracked across exercises (issue 11, item 4). */
@Module({
  imports: [MikroOrmModule.forFeature([ImprovementAction, Exercise, Observation, CommandPost])],
  controllers: [ImprovementPlanController],
  providers: [ImprovementPlanService],
})
export class ImprovementPlanModule {}
