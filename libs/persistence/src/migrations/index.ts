import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261127235748_Initial } from './Migration20261127235748_Initial';
import { Migration20261128000631_Exercises } from './Migration20261128000631_Exercises';
import { Migration20261201194946_LatenessMsAsDouble } from './Migration20261201194946_LatenessMsAsDouble';
import { Migration20261202030000_MselImport } from './Migration20261202030000_MselImport';
import { Migration20261202054757_Evaluation } from './Migration20261202054757_Evaluation';
import { Migration20261202173951_Administration } from './Migration20261202173951_Administration';
import { Migration20261203070929_TrainingPlan } from './Migration20261203070929_TrainingPlan';
import { Migration20261203190807_ConsoleReceipts } from './Migration20261203190807_ConsoleReceipts';
import { Migration20261204202408_Attachments } from './Migration20261204202408_Attachments';
import { Migration20261204204740_MediaInjects } from './Migration20261204204740_MediaInjects';

/** Committed migrations, oldest first. `npm run migration:create -- Name` generates the next one; list it here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261127235748_Initial', class: Migration20261127235748_Initial },
  { name: 'Migration20261128000631_Exercises', class: Migration20261128000631_Exercises },
  { name: 'Migration20261201194946_LatenessMsAsDouble', class: Migration20261201194946_LatenessMsAsDouble },
  { name: 'Migration20261202030000_MselImport', class: Migration20261202030000_MselImport },
  { name: 'Migration20261202054757_Evaluation', class: Migration20261202054757_Evaluation },
  { name: 'Migration20261202173951_Administration', class: Migration20261202173951_Administration },
  { name: 'Migration20261203070929_TrainingPlan', class: Migration20261203070929_TrainingPlan },
  { name: 'Migration20261203190807_ConsoleReceipts', class: Migration20261203190807_ConsoleReceipts },
  { name: 'Migration20261204202408_Attachments', class: Migration20261204202408_Attachments },
  { name: 'Migration20261204204740_MediaInjects', class: Migration20261204204740_MediaInjects },
];
