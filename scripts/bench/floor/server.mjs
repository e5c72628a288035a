// The floor: a hand-written GraphQL server for the benchmark's reads, as lean as one can reasonably
// write it: graphql-js 16 on node:http, node-postgres with DataLoader, no framework, no ORM. It
// runs against the same database as the same role (waymark_app, row-level security on), opens the
// same per-request transaction with the same sign-in statement, answers the same query text with
// the same JSON (the bench checks that before timing), and keeps statements on a connection one at a
// time as Waymark does. Only the benchmark uses it; it is not part of the product.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pg = require('pg');
const DataLoader = require('dataloader');
const jwt = require('jsonwebtoken');
const { createSecretKey } = require('node:crypto');
const {
  GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType,
  GraphQLSchema, GraphQLString, execute, parse, validate,
} = require('graphql');
const { findDisagreements, isUuid, missingParts, scoreAssessment } = require('../../../packages/domain/dist/index.js');

const nn = (t) => new GraphQLNonNull(t);
const list = (t) => nn(new GraphQLList(nn(t)));

// Dates as the API shows them: timestamps as Date (ISO with milliseconds), calendar dates as text.
const types = new pg.TypeOverrides();
types.setTypeParser(1082, (v) => v);

/** Statements on one client strictly one after another (as Waymark's SqlRunner does). */
function serial(client, counter) {
  let tail = Promise.resolve();
  return (text, values = []) => {
    const run = () => {
      counter.statements++;
      return client.query(text, values).then((r) => r.rows);
    };
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

const grouped = (load, key) =>
  new DataLoader(async (ids) => {
    const groups = new Map();
    for (const row of await load(ids)) {
      const g = groups.get(row[key]);
      if (g) g.push(row);
      else groups.set(row[key], [row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });

const byId = (load) =>
  new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });

/** The framework's shape, read once: node keys in order, and what scoring needs. */
async function frameworkTree(q, id) {
  const [fw] = await q('select id, key from framework where id = $1', [id]);
  const nodes = await q('select key, kind, parent_key, position from framework_node where framework_id = $1 order by ordinal', [id]);
  const children = new Map();
  for (const n of nodes) {
    const list = children.get(n.parent_key) ?? [];
    list.push(n);
    children.set(n.parent_key, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  const kids = (key, kind) => (children.get(key) ?? []).filter((n) => n.kind === kind);
  const scoring = nodes
    .filter((n) => n.kind === 'ELEMENT')
    .map((e) => ({
      key: e.key,
      actions: kids(e.key, 'ACTION').map((a) => ({ key: a.key, partKeys: kids(a.key, 'PART').map((p) => p.key) })),
      promptKeys: kids(e.key, 'PROMPT_GROUP').flatMap((g) => kids(g.key, 'PROMPT').map((p) => p.key)),
    }));
  const scale = new Map();
  for (const e of scoring) {
    for (const a of e.actions) for (const k of a.partKeys.length ? a.partKeys : [a.key]) scale.set(k, 'PRACTICE');
    for (const p of e.promptKeys) scale.set(p, 'EVIDENCE');
  }
  return { key: fw.key, nodes: nodes.map((n) => ({ key: n.key })), scoring, scale, orderedKeys: [...scale.keys()] };
}

function splitAnswers(rows, tree) {
  const practice = new Map();
  const evidence = new Map();
  for (const r of rows) {
    const s = tree.scale.get(r.nodeKey);
    if (s === 'PRACTICE') practice.set(r.nodeKey, r.value);
    else if (s === 'EVIDENCE') evidence.set(r.nodeKey, r.value);
  }
  return { practice, evidence };
}

const ASSESSMENT = `a.id, a.framework_id as "frameworkId", a.cycle, a.status, a.due_on as "dueOn", a.previous_id as "previousId", a.created_at as "createdAt"`;
const cursorOf = (name, values) => Buffer.from(JSON.stringify([name, ...values])).toString('base64url');

function buildSchema(trees) {
  const tree = (ctx, id) => {
    let t = trees.get(id);
    if (!t) {
      t = frameworkTree(ctx.q, id);
      trees.set(id, t);
    }
    return t;
  };
  const Evidence = new GraphQLObjectType({ name: 'Evidence', fields: { id: { type: nn(GraphQLID) }, title: { type: nn(GraphQLString) }, url: { type: GraphQLString } } });
  const Consensus = new GraphQLObjectType({
    name: 'ConsensusAnswer',
    fields: {
      nodeKey: { type: nn(GraphQLString) }, value: { type: nn(GraphQLString) }, note: { type: GraphQLString },
      evidence: { type: list(Evidence), resolve: async (a, _, ctx) => (await ctx.loaders.evidence.load(a.assessmentId)).filter((e) => e.nodeKey === a.nodeKey) },
    },
  });
  const Assessor = new GraphQLObjectType({ name: 'AssessorAnswer', fields: { nodeKey: { type: nn(GraphQLString) }, value: { type: nn(GraphQLString) }, userId: { type: nn(GraphQLID) } } });
  const DValue = new GraphQLObjectType({ name: 'DisagreementValue', fields: { value: { type: nn(GraphQLString) }, userIds: { type: list(GraphQLID) } } });
  const Disagreement = new GraphQLObjectType({ name: 'Disagreement', fields: { nodeKey: { type: nn(GraphQLString) }, values: { type: list(DValue) } } });
  const ActionScore = new GraphQLObjectType({ name: 'ActionScore', fields: { actionKey: { type: nn(GraphQLString) }, practice: { type: nn(GraphQLFloat) } } });
  const ElementScore = new GraphQLObjectType({
    name: 'ElementScore',
    fields: { elementKey: { type: nn(GraphQLString) }, practice: { type: nn(GraphQLFloat) }, evidence: { type: GraphQLFloat }, actions: { type: list(ActionScore) } },
  });
  const Score = new GraphQLObjectType({
    name: 'AssessmentScore',
    fields: { practice: { type: nn(GraphQLFloat) }, evidence: { type: GraphQLFloat }, complete: { type: nn(GraphQLBoolean) }, elements: { type: list(ElementScore) } },
  });
  const Reopening = new GraphQLObjectType({ name: 'Reopening', fields: { reason: { type: nn(GraphQLString) } } });
  const Node = new GraphQLObjectType({ name: 'FrameworkNode', fields: { key: { type: nn(GraphQLString) } } });
  const Framework = new GraphQLObjectType({ name: 'Framework', fields: { key: { type: nn(GraphQLString) }, nodes: { type: list(Node) } } });
  const answers = (a, ctx) => ctx.loaders.consensus.load(a.id);
  const Assessment = new GraphQLObjectType({
    name: 'Assessment',
    fields: () => ({
      id: { type: nn(GraphQLID) }, cycle: { type: nn(GraphQLString) }, status: { type: nn(GraphQLString) },
      framework: { type: nn(Framework), resolve: (a, _, ctx) => tree(ctx, a.frameworkId) },
      previous: { type: Assessment, resolve: (a, _, ctx) => (a.previousId ? ctx.loaders.assessment.load(a.previousId) : null) },
      answers: { type: list(Consensus), resolve: (a, _, ctx) => answers(a, ctx) },
      assessorAnswers: { type: list(Assessor), resolve: (a, _, ctx) => ctx.loaders.assessor.load(a.id) },
      myAnswers: { type: list(Assessor), resolve: async (a, _, ctx) => (await ctx.loaders.assessor.load(a.id)).filter((x) => x.userId === ctx.userId) },
      disagreements: {
        type: list(Disagreement),
        resolve: async (a, _, ctx) => findDisagreements(await ctx.loaders.assessor.load(a.id), (await tree(ctx, a.frameworkId)).orderedKeys),
      },
      missingKeys: { type: list(GraphQLString), resolve: async (a, _, ctx) => { const t = await tree(ctx, a.frameworkId); return missingParts(t.scoring, splitAnswers(await answers(a, ctx), t).practice); } },
      scores: { type: nn(Score), resolve: async (a, _, ctx) => { const t = await tree(ctx, a.frameworkId); return scoreAssessment(t.scoring, splitAnswers(await answers(a, ctx), t)); } },
      reopenings: { type: list(Reopening), resolve: (a, _, ctx) => ctx.loaders.reopenings.load(a.id) },
    }),
  });
  const PageInfo = new GraphQLObjectType({ name: 'PageInfo', fields: { hasNextPage: { type: nn(GraphQLBoolean) }, endCursor: { type: GraphQLString } } });
  const connection = (name, node) =>
    new GraphQLObjectType({
      name: `${name}Connection`,
      fields: {
        totalCount: { type: nn(GraphQLInt) },
        pageInfo: { type: nn(PageInfo) },
        edges: { type: list(new GraphQLObjectType({ name: `${name}Edge`, fields: { cursor: { type: nn(GraphQLString) }, node: { type: nn(node) } } })) },
      },
    });
  const Person = new GraphQLObjectType({ name: 'Person', fields: { id: { type: nn(GraphQLID) }, name: { type: nn(GraphQLString) }, email: { type: GraphQLString } } });
  const Note = new GraphQLObjectType({
    name: 'ActionItemNote',
    fields: { body: { type: nn(GraphQLString) }, createdAt: { type: nn(GraphQLString), resolve: (n) => n.createdAt.toISOString() }, author: { type: nn(Person), resolve: (n, _, ctx) => ctx.loaders.person.load(n.authorId) } },
  });
  const Item = new GraphQLObjectType({
    name: 'ActionItem',
    fields: {
      id: { type: nn(GraphQLID) }, itemKey: { type: nn(GraphQLString) }, kind: { type: nn(GraphQLString) }, what: { type: nn(GraphQLString) }, why: { type: nn(GraphQLString) },
      priority: { type: nn(GraphQLInt) }, status: { type: nn(GraphQLString) }, dueOn: { type: GraphQLString }, nextReviewOn: { type: GraphQLString },
      owner: { type: Person, resolve: (i, _, ctx) => (i.ownerUserId ? ctx.loaders.person.load(i.ownerUserId) : null) },
      notes: { type: list(Note), resolve: (i, _, ctx) => ctx.loaders.notes.load(i.id) },
    },
  });
  // The connection arguments as the API takes them (forwards only: the load pages forwards).
  const pageArgs = { first: { type: GraphQLInt, defaultValue: 20 }, after: { type: GraphQLString } };
  const Filter = new GraphQLInputObjectType({ name: 'ActionItemFilter', fields: { assessmentId: { type: GraphQLID } } });
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      assessment: {
        type: nn(Assessment),
        args: { id: { type: nn(GraphQLID) } },
        resolve: async (_, { id }, ctx) => (await ctx.q(`select ${ASSESSMENT} from assessment a where a.organisation_id = $1 and a.id = $2`, [ctx.organisationId, id]))[0],
      },
      assessments: {
        type: nn(connection('Assessment', Assessment)),
        args: pageArgs,
        resolve: async (_, page, ctx) => {
          const rows = await ctx.q(
            `select ${ASSESSMENT}, a.created_at::text as k0, a.id::text as k1 from assessment a where a.organisation_id = $1 order by a.created_at desc, a.id desc limit ${page.first + 1}`,
            [ctx.organisationId],
          );
          const edges = rows.slice(0, page.first).map((r) => ({ node: r, cursor: cursorOf('assessments', [r.k0, r.k1]) }));
          return {
            edges, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
            totalCount: () => ctx.q('select count(*)::int as n from assessment a where a.organisation_id = $1', [ctx.organisationId]).then(([r]) => r.n),
          };
        },
      },
      actionItems: {
        type: nn(connection('ActionItem', Item)),
        args: { filter: { type: Filter }, ...pageArgs },
        resolve: async (_, { filter, ...page }, ctx) => {
          const where = `i.organisation_id = $1 and i.assessment_id = $2::uuid and i.resolved_by_assessment_at is null and i.status <> 'CARRIED_FORWARD'`;
          const rows = await ctx.q(
            `select i.id, i.item_key as "itemKey", i.kind, i.what, i.why, i.priority, i.status, i.due_on as "dueOn", i.next_review_on as "nextReviewOn",
                    i.owner_user_id as "ownerUserId", i.priority::text as k0, i.id::text as k1
               from action_item i where ${where} order by i.priority asc, i.id asc limit ${page.first + 1}`,
            [ctx.organisationId, filter.assessmentId],
          );
          const edges = rows.slice(0, page.first).map((r) => ({ node: r, cursor: cursorOf('items-PRIORITY', [r.k0, r.k1]) }));
          return {
            edges, pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
            totalCount: () => ctx.q(`select count(*)::int as n from action_item i where ${where}`, [ctx.organisationId, filter.assessmentId]).then(([r]) => r.n),
          };
        },
      },
    },
  });
  return new GraphQLSchema({ query });
}

function loaders(ctx) {
  const org = ctx.organisationId;
  const ANSWER = `assessment_id as "assessmentId", node_key as "nodeKey", value, note`;
  return {
    consensus: grouped((ids) => ctx.q(`select ${ANSWER} from consensus_answer where organisation_id = $1 and assessment_id = any($2::uuid[])`, [org, ids]), 'assessmentId'),
    assessor: grouped(
      (ids) => ctx.q(`select ${ANSWER}, user_id as "userId" from assessor_answer where organisation_id = $1 and assessment_id = any($2::uuid[]) order by node_key, user_id`, [org, ids]),
      'assessmentId',
    ),
    reopenings: grouped((ids) => ctx.q(`select assessment_id as "assessmentId", reason from assessment_reopening where organisation_id = $1 and assessment_id = any($2::uuid[]) order by created_at, id`, [org, ids]), 'assessmentId'),
    evidence: grouped(
      (ids) =>
        ctx.q(
          `select e.id, e.title, e.url, l.assessment_id as "assessmentId", l.node_key as "nodeKey"
             from evidence_link l join evidence e on e.organisation_id = l.organisation_id and e.id = l.evidence_id
            where l.organisation_id = $1 and l.assessment_id = any($2::uuid[]) order by l.created_at, e.id`,
          [org, ids],
        ),
      'assessmentId',
    ),
    assessment: byId((ids) => ctx.q(`select ${ASSESSMENT} from assessment a where a.organisation_id = $1 and a.id = any($2::uuid[])`, [org, ids])),
    notes: grouped(
      (ids) => ctx.q(`select item_id as "itemId", body, author_id as "authorId", created_at as "createdAt" from action_item_note where organisation_id = $1 and item_id = any($2::uuid[]) order by created_at, id`, [org, ids]),
      'itemId',
    ),
    person: new DataLoader(async (ids) => {
      const rows = await ctx.q(
        `select u.id, u.name, case when exists (select 1 from membership m where m.organisation_id = $1 and m.user_id = u.id) then u.email end as email
           from app_user u where u.id = any($2::uuid[])`,
        [org, ids],
      );
      const m = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
  };
}

/**
 * Starts the floor on a free port: `{ origin, counter, stop }`. `secret` is the session token
 * secret (the same tokens work on both servers).
 */
export async function startFloor({ connectionString, poolMax, secret }) {
  const pool = new pg.Pool({ connectionString, max: poolMax, types });
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const counter = { statements: 0 };
  const trees = new Map();
  const schema = buildSchema(trees);
  const documents = new Map();
  const document = (text) => {
    let doc = documents.get(text);
    if (!doc) {
      doc = parse(text);
      const errors = validate(schema, doc);
      if (errors.length) throw errors[0];
      documents.set(text, doc);
    }
    return doc;
  };

  const handle = async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const token = String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const { sub, jti } = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'waymark' });
    const organisation = String(req.headers['x-organisation-id'] ?? '');
    if (!isUuid(sub) || !isUuid(jti) || !isUuid(organisation)) throw new Error('bad credential');
    const doc = document(query);
    const client = await pool.connect();
    try {
      const q = serial(client, counter);
      counter.statements++;
      // The same one statement the API sends: the session must be live, then the membership.
      const [, signIn] = await client.query(`begin; select live, organisation_id, role from waymark_sign_in('${sub}'::uuid, '${jti}'::uuid, '${organisation}'::uuid)`);
      if (!signIn.rows[0].live) throw new Error('session ended');
      const ctx = { q, userId: sub, organisationId: signIn.rows[0].organisation_id };
      ctx.loaders = loaders(ctx);
      const result = await execute({ schema, document: doc, variableValues: variables, contextValue: ctx });
      counter.statements++;
      await client.query('commit');
      const body = JSON.stringify(result);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } finally {
      client.release();
    }
  };
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String(error?.message ?? error) }] }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    counter,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}
