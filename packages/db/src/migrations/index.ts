import { Migration20261126111349 } from './Migration20261126111349';
import { Migration20261126111400 } from './Migration20261126111400';
import { Migration20261126120000 } from './Migration20261126120000';
import { Migration20261126120100 } from './Migration20261126120100';
import { Migration20261126120200 } from './Migration20261126120200';
import { Migration20261201120000 } from './Migration20261201120000';
import { Migration20261201222858 } from './Migration20261201222858';
import { Migration20261201230637 } from './Migration20261201230637';
import { Migration20261201230838 } from './Migration20261201230838';
import { Migration20261202003000 } from './Migration20261202003000';
import { Migration20261207090000 } from './Migration20261207090000';
import { Migration20261207090100 } from './Migration20261207090100';
import { Migration20261207120000 } from './Migration20261207120000';
import { Migration20261207130000 } from './Migration20261207130000';
import { Migration20261207140000 } from './Migration20261207140000';
import { Migration20261208090000 } from './Migration20261208090000';
import { Migration20261208100000 } from './Migration20261208100000';
import { Migration20261208110000 } from './Migration20261208110000';
import { Migration20261208120000 } from './Migration20261208120000';
import { Migration20261208130000 } from './Migration20261208130000';
import { Migration20261208140000 } from './Migration20261208140000';

/** Every migration, in order. New files from `npm run db:migration:create` are added here. */
export const MIGRATIONS = [
  Migration20261126111349,
  Migration20261126111400,
  Migration20261126120000,
  Migration20261126120100,
  Migration20261126120200,
  Migration20261201120000,
  Migration20261201222858,
  Migration20261201230637,
  Migration20261201230838,
  Migration20261202003000,
  Migration20261207090000,
  Migration20261207090100,
  Migration20261207120000,
  Migration20261207130000,
  Migration20261207140000,
  Migration20261208090000,
  Migration20261208100000,
  Migration20261208110000,
  Migration20261208120000,
  Migration20261208130000,
  Migration20261208140000,
];
