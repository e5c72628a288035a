import fs from 'node:fs';
import path from 'node:path';
import { SEEDS_DIR, SHARED_SEEDS_DIR } from './__tests__/seeds';

const FILES = ['inspiring-learning-partnerships-checklist.txt', 'community-partnerships-informal-learning.md'];

describe('source documents', () => {
  it.each(FILES)('%s is kept in the package', (name) => {
    expect(fs.statSync(path.join(SEEDS_DIR, name)).size).toBeGreaterThan(1000);
  });

  const shared = fs.existsSync(SHARED_SEEDS_DIR);
  (shared ? it.each(FILES) : it.skip.each(FILES))('%s is identical to the shared seed beside the repository', (name) => {
    expect(fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8')).toBe(fs.readFileSync(path.join(SHARED_SEEDS_DIR, name), 'utf8'));
  });
});
