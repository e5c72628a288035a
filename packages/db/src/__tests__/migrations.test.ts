import { migrationNeeded } from '../migrate';
import { createTestDatabase, type TestDatabase } from '@waymark/testing';

/** The migration check: a database built only by the migrations must match the entities exactly. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

it('needs no new migration after all migrations ran', async () => {
  await expect(migrationNeeded(db.ownerUrl)).resolves.toBe(false);
});
