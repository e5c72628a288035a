/*
 * How much a person may type into each text, in characters (code points, as PostgreSQL counts
 * varchar). The API refuses more (BAD_USER_INPUT with reason TOO_LONG, the limit and the length);
 * the web app shows the same limits as you type. Pure, so the web app bundles it from source.
 */
export const TEXT_LIMITS = Object.freeze({
  /** Notes on answers and items, progress notes, descriptions, resources, measures of success. */
  note: 4000,
  /** Why a submitted assessment is reopened: kept for good, so it must say something. */
  reopenReason: { min: 10, max: 2000 },
  cycle: 40,
  evidenceTitle: 300,
  url: 2000,
  fileReference: 500,
  /** Names of partners, keys and people. */
  name: 200,
  email: 320,
  phone: 60,
  webhookDescription: 500,
});

/** Days between reviews of an item or a partnership. */
export const REVIEW_INTERVAL_DAYS = Object.freeze({ min: 1, max: 1095 });

/** The largest spreadsheet one import takes, in bytes (decoded): the API refuses more, the web app says so before sending. */
export const IMPORT_FILE_BYTES = 700 * 1024;
