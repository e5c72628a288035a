import fs from 'node:fs';
import path from 'node:path';

/** The source documents, from the package's own copy (see seeds/README.md). */
export const SEEDS_DIR = path.resolve(__dirname, '../../seeds');
/** The project's shared seeds folder, beside the repository, when there is one. */
export const SHARED_SEEDS_DIR = path.resolve(__dirname, '../../../../../shared/seeds');

export const readSeed = (name: string): string => fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8');
