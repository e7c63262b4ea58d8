import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MemberState, Ministry } from '@excon/persistence';
import { MemberStatesService } from './member-states.service';
import { MinistriesService } from './ministries.service';
import { MemberStatesController, MinistriesController } from './organisation.controller';

/** The bilingual organisation (issue 12, item 1): member states and their ministries. */
@Module({
  imports: [MikroOrmModule.forFeature([MemberState, Ministry])],
  controllers: [MemberStatesController, MinistriesController],
  providers: [MemberStatesService, MinistriesService],
})
export class OrganisationModule {}
