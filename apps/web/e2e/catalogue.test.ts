import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ERROR_STATUS } from '@waymark/domain';

/**
 * The message catalogue against what the app asks of it at run time (keys made from values the
 * compiler cannot check): every value of the enums the screens put into words, every error code,
 * and every typed reason the API gives a refusal. The pseudo-locale pass in every-screen.test.ts
 * catches the rest on the screens themselves.
 */
const ROOT = path.resolve(__dirname, '../../..');
const catalogue = JSON.parse(readFileSync(path.join(ROOT, 'apps/web/app/i18n/en-GB.json'), 'utf8')) as Record<string, unknown>;
const sdl = readFileSync(path.join(ROOT, 'apps/api/schema.graphql'), 'utf8');

const lookup = (key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalogue);
const has = (key: string) => typeof lookup(key) === 'string' || typeof lookup(`${key}_other`) === 'string';

const enumValues = (name: string): string[] => {
  const body = new RegExp(`enum ${name} \\{([\\s\\S]*?)\\n\\}`).exec(sdl)?.[1] ?? '';
  return body.replace(/"""[\s\S]*?"""/g, '').split('\n').map((l) => l.trim()).filter((l) => /^[A-Z_]+$/.test(l));
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === '__tests__' || name === 'node_modules' ? [] : sources(full);
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the message catalogue', () => {
  it.each([
    ['AssessmentStatus', 'status.assessment'],
    ['ActionItemStatus', 'status.item'],
    ['PartnerStatus', 'status.partner'],
    ['NetworkMemberStatus', 'status.network'],
    ['MemberRole', 'role'],
    ['MemberRole', 'roleLower'],
    ['MemberRole', 'members.change.means'],
    ['OrganisationKind', 'kind'],
    ['PartnerType', 'partnerType'],
    ['ActionItemKind', 'itemKind'],
    ['NotificationFrequency', 'notifications.frequency'],
    ['ImportAction', 'imports.action'],
    ['FrameworkChangeKind', 'changes.kind'],
    ['FrameworkNodeKind', 'changes.nodeKind'],
  ])('has words for every value of %s under %s', (name, prefix) => {
    const values = enumValues(name);
    expect(values.length).toBeGreaterThan(1);
    expect(values.filter((v) => !has(`${prefix}.${v}`))).toEqual([]);
  });

  it('titles and explains every error code, a lost connection and an unexpected failure', () => {
    const codes = [...Object.keys(ERROR_STATUS), 'NETWORK', 'INTERNAL_SERVER_ERROR'];
    expect(codes.filter((c) => !has(`errors.title.${c}`) || !has(`errors.code.${c}`))).toEqual([]);
  });

  it('words every typed reason the API gives a refusal', () => {
    const files = [...sources(path.join(ROOT, 'apps/api/src')), ...sources(path.join(ROOT, 'packages/domain/src'))];
    const reasons = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/reason: '([A-Z_]+)'/g)) reasons.add(m[1]!);
      // class-validator's rules, renamed in one table (graphql/text.ts), and the webhook URL's reasons.
      for (const m of text.matchAll(/: '([A-Z][A-Z_]+)',\n/g)) if (file.endsWith('text.ts')) reasons.add(m[1]!);
      for (const m of text.matchAll(/WebhookUrlError\([^)]*'([A-Z_]+)'\)/g)) reasons.add(m[1]!);
    }
    expect(reasons.size).toBeGreaterThan(30);
    expect([...reasons].filter((r) => !has(`errors.reason.${r}`))).toEqual([]);
  });
});
