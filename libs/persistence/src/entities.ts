import { CommandPost } from './organisation/command-post.entity';
import { User } from './organisation/user.entity';
import { Scenario } from './scenarios/scenario.entity';
import { ScenarioInject } from './scenarios/scenario-inject.entity';

/** Every entity of ExCon; migrations are generated against this list. */
export const ENTITIES = [CommandPost, User, Scenario, ScenarioInject] as const;
