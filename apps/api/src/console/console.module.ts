import { Module } from '@nestjs/common';
import { ConsoleGateway } from './console.gateway';
import { ConsoleService } from './console.service';
import { DutyMessagesService } from '../duty-messages/duty-messages.service';

/** The /console socket namespace: the operators' messages, sync, and the duty channels. */
@Module({ providers: [ConsoleGateway, ConsoleService, DutyMessagesService] })
export class ConsoleModule {}
